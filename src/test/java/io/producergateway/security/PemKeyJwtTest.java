package io.producergateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * The other way to trust an identity provider: its EC public key as a PEM file
 * ({@code mp.jwt.verify.publickey.location} a file, {@code mp.jwt.verify.publickey.algorithm=ES256}), and the
 * principal and grants taken from claims of another name ({@code gateway.auth.jwt.principal-claim=azp},
 * {@code gateway.auth.jwt.grants-claim=allowed_topics}), as a
 * client-credentials token of many identity providers carries them.
 */
@QuarkusTest
@TestProfile(PemKeyJwtTest.WithPemKey.class)
@WithTestResource(SharedKafka.class)
class PemKeyJwtTest {

    private static final String ISSUER = "https://idp.test/realms/producers";

    public static class WithPemKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.auth.enabled", "true",
                    "mp.jwt.verify.publickey.location", pemFile().toUri().toString(),
                    "mp.jwt.verify.publickey.algorithm", "ES256",
                    "mp.jwt.verify.issuer", ISSUER,
                    "gateway.auth.jwt.principal-claim", "azp",
                    "gateway.auth.jwt.grants-claim", "allowed_topics",
                    "gateway.auth.grants", "billing-job=billing-.*");
        }

        private static Path pemFile() {
            try {
                Path pem = Files.createTempFile("gateway-jwt-", ".pem");
                pem.toFile().deleteOnExit();
                return Files.writeString(pem, TestTokens.pem(TestTokens.EC.getPublic()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void anEs256TokenIsTrustedThroughAPemKeyAndNamedByItsAzpClaim() {
        String billing = kafka.createTopic(KafkaTestClient.uniqueTopic("billing"), 1);
        String granted = kafka.createTopic(KafkaTestClient.uniqueTopic("claimed"), 1);

        // A client-credentials token: no sub; azp names the client, and the configured grants are azp's.
        String token = es256("billing-job", List.of("claimed-.*"));
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"id\":\"by-pem-key\",\"value\":1}").post("/v1/topics/{topic}/events", billing)
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"id\":\"by-claim\",\"value\":2}").post("/v1/topics/{topic}/events", granted)
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + es256("other-job", List.of())).contentType("application/json")
                .body("{\"value\":3}").post("/v1/topics/{topic}/events", billing)
                .then().statusCode(403).body("detail", containsString("Principal other-job may not produce"));
        // Signed with the RSA key another gateway trusts: not this one's key.
        given().header("Authorization", "Bearer " + TestTokens.token("billing-job")).contentType("application/json")
                .body("{\"value\":4}").post("/v1/topics/{topic}/events", billing)
                .then().statusCode(401).body("type", equalTo("urn:producer-gateway:problem:unauthorized"));

        assertEquals(List.of("by-pem-key"), kafka.readAll(billing).stream().map(Records::eventId).toList());
        assertEquals(List.of("by-claim"), kafka.readAll(granted).stream().map(Records::eventId).toList());
    }

    private static String es256(String client, List<String> topics) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).claim("azp", client).claim("allowed_topics", topics)
                .issuedAt(now).expiresAt(now.plusSeconds(300))
                .jws().algorithm(SignatureAlgorithm.ES256).sign(TestTokens.EC.getPrivate());
    }
}
