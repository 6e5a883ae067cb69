package io.producergateway.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * Publishes {@link TestTokens#jwks()} over HTTP on loopback, as an identity provider does, for the test JVM's life, and
 * gives the standard keys that point JWT verification at it ({@code mp.jwt.verify.publickey.location}, issuer,
 * audiences). A test profile, not a test resource, passes them on: they must be there when Quarkus builds the
 * application, or smallrye-jwt's dev services put an in-memory key pair in their place.
 */
final class JwksServer {

    private static HttpServer server;

    private JwksServer() {
    }

    static synchronized Map<String, String> verification() {
        if (server == null) {
            server = start();
        }
        return Map.of("mp.jwt.verify.publickey.location", "http://127.0.0.1:" + server.getAddress().getPort()
                + "/jwks.json",
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "mp.jwt.verify.audiences", TestTokens.AUDIENCE);
    }

    private static HttpServer start() {
        try {
            HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            jwks.createContext("/jwks.json", exchange -> {
                byte[] body = TestTokens.jwks().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            jwks.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> jwks.stop(0), "jwks-server-stop"));
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
