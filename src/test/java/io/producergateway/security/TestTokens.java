package io.producergateway.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Real RSA keys and tokens signed with them, for the tests: the gateway trusts {@link #TRUSTED} (published as a JWKS
 * by {@link JwksServer}); {@link #UNTRUSTED} signs tokens it must refuse.
 */
final class TestTokens {

    static final String ISSUER = "https://issuer.test/producer-gateway";
    static final String AUDIENCE = "producer-gateway";
    static final String KEY_ID = "trusted-1";
    static final KeyPair TRUSTED = rsa();
    static final KeyPair UNTRUSTED = rsa();
    /** An EC P-256 pair, for the ES256 tokens of a gateway that trusts a PEM public key. */
    static final KeyPair EC = pair("EC", 256);

    private TestTokens() {
    }

    /** A valid token for {@code subject}, for 5 minutes; {@code claims} may add to it or change it. */
    static String token(String subject, UnaryOperator<JwtClaimsBuilder> claims) {
        return sign(claims.apply(valid(subject)), TRUSTED.getPrivate());
    }

    static String token(String subject) {
        return token(subject, c -> c);
    }

    static JwtClaimsBuilder valid(String subject) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).issuedAt(now).expiresAt(now.plusSeconds(300));
    }

    static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().keyId(KEY_ID).sign(key);
    }

    /** The same claims with {@code "alg": "none"} and no signature. */
    static String unsigned(String subject) {
        String signed = token(subject);
        String payload = signed.substring(signed.indexOf('.') + 1, signed.lastIndexOf('.'));
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** The trusted public key as a JWK Set (RFC 7517). */
    static String jwks() {
        RSAPublicKey key = (RSAPublicKey) TRUSTED.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + KEY_ID + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0; // unsigned, as JWK wants it
        byte[] unsigned = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    /** A public key as PEM ({@code -----BEGIN PUBLIC KEY-----}), as {@code openssl pkey -pubout} writes it. */
    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair rsa() {
        return pair("RSA", 2048);
    }

    private static KeyPair pair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
