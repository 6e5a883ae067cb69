package io.producergateway.security;

import static io.producergateway.security.SecuredGateway.AUDIT_KEY;
import static io.producergateway.security.SecuredGateway.METERED_KEY;
import static io.producergateway.security.SecuredGateway.ORDERS_KEY;
import static io.producergateway.security.SecuredGateway.STREAMER_KEY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Who may produce where, on Quarkus Security: API keys (either header) and bearer JWTs signed with real keys and
 * verified by the smallrye-jwt extension against a JWKS served over HTTP, side by side on the same endpoints; grants
 * by principal and from the token's claims; every 401 case; streams; quotas.
 */
@QuarkusTest
@TestProfile(SecuredGateway.class)
@WithTestResource(SharedKafka.class)
class AuthenticationTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void withoutValidCredentialsTheAnswerIs401AndNothingIsWritten() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("orders"), 1);

        unauthorized(given().contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then())
                .header("WWW-Authenticate", "Bearer realm=\"producer-gateway\"");
        unauthorized(given().contentType("application/json").header("X-API-Key", "wrong").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then())
                .header("WWW-Authenticate", "Bearer realm=\"producer-gateway\", error=\"invalid_token\"");
        // Not a key, so a JWT to verify: and not a valid one.
        unauthorized(given().contentType("application/json").header("Authorization", "Bearer wrong")
                .body("{\"value\":1}").post("/v1/topics/{topic}/events", topic).then());
        unauthorized(given().contentType(MediaTypes.JSON_V2).body("{\"records\":[{\"value\":1}]}")
                .post("/topics/{topic}", topic).then());
        unauthorized(given().contentType(MediaTypes.NDJSON).body(utf8("{\"value\":1}\n"))
                .post("/v1/topics/{topic}/events", topic).then());

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void aKeyInEitherHeaderProducesOnlyToTheTopicsItsPrincipalIsGranted() {
        String orders = kafka.createTopic(KafkaTestClient.uniqueTopic("orders"), 1);
        String audit = kafka.createTopic(KafkaTestClient.uniqueTopic("audit"), 1);

        bearer(ORDERS_KEY).contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", orders).then().statusCode(200);
        given().contentType(MediaTypes.JSON_V2).header("X-API-Key", ORDERS_KEY)
                .body("{\"records\":[{\"value\":2}]}").post("/topics/{topic}", orders).then().statusCode(200);
        forbidden(bearer(ORDERS_KEY).contentType("application/json").body("{\"value\":3}")
                .post("/v1/topics/{topic}/events", audit).then(), "orders-service", audit);
        given().contentType("application/json").header("X-API-Key", AUDIT_KEY).body("{\"value\":4}")
                .post("/v1/topics/{topic}/events", audit).then().statusCode(200);

        assertEquals(2, kafka.readAll(orders).size());
        assertEquals(1, kafka.readAll(audit).size());
    }

    @Test
    void aJwtAndAnApiKeyProduceSideBySide() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("jwt"), 1);
        String other = kafka.createTopic(KafkaTestClient.uniqueTopic("orders"), 1);

        bearer(TestTokens.token("jwt-client")).contentType("application/json").body("{\"id\":\"by-jwt\",\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        bearer(TestTokens.token("jwt-client")).contentType(MediaTypes.JSON_V2)
                .body("{\"records\":[{\"value\":2}]}").post("/topics/{topic}", topic).then().statusCode(200);
        given().header("X-API-Key", ORDERS_KEY).contentType("application/json").body("{\"id\":\"by-key\",\"value\":3}")
                .post("/v1/topics/{topic}/events", other).then().statusCode(200);
        // The token's principal is its sub claim, and its grants are that principal's.
        forbidden(bearer(TestTokens.token("jwt-client")).contentType("application/json").body("{\"value\":4}")
                .post("/v1/topics/{topic}/events", other).then(), "jwt-client", other);

        assertEquals(2, kafka.readAll(topic).size());
        assertEquals(List.of("by-jwt"), kafka.readAll(topic).stream().map(Records::eventId)
                .filter(id -> id != null && id.startsWith("by-")).toList());
        assertEquals(List.of("by-key"), kafka.readAll(other).stream().map(Records::eventId).toList());
    }

    @Test
    void aTokenCarriesGrantsOfItsOwnInAClaimOrAsProduceScopes() {
        String claimed = kafka.createTopic(KafkaTestClient.uniqueTopic("claim"), 1);
        String scoped = kafka.createTopic(KafkaTestClient.uniqueTopic("scope"), 1);

        String byClaim = TestTokens.token("claims-client", c -> c.claim("topics", List.of("claim-.*")));
        bearer(byClaim).contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", claimed).then().statusCode(200);
        forbidden(bearer(byClaim).contentType("application/json").body("{\"value\":2}")
                .post("/v1/topics/{topic}/events", scoped).then(), "claims-client", scoped);

        String byScope = TestTokens.token("scope-client", c -> c.claim("scope", "openid produce:scope-.*"));
        bearer(byScope).contentType("application/json").body("{\"value\":3}")
                .post("/v1/topics/{topic}/events", scoped).then().statusCode(200);
        forbidden(bearer(TestTokens.token("scope-client", c -> c.claim("scope", "openid read:scope-.*")))
                .contentType("application/json").body("{\"value\":4}").post("/v1/topics/{topic}/events", scoped)
                .then(), "scope-client", scoped);

        assertEquals(1, kafka.readAll(claimed).size());
        assertEquals(1, kafka.readAll(scoped).size());
    }

    @Test
    void aTokenThatIsNotValidIs401() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("jwt"), 1);
        Instant now = Instant.now();
        Map<String, String> tokens = new HashMap<>();
        tokens.put("expired", TestTokens.sign(TestTokens.valid("jwt-client").issuedAt(now.minusSeconds(900))
                .expiresAt(now.minusSeconds(600)), TestTokens.TRUSTED.getPrivate()));
        tokens.put("not yet valid", TestTokens.token("jwt-client", c -> c.claim("nbf", now.plusSeconds(3600)
                .getEpochSecond()).expiresAt(now.plusSeconds(7200))));
        tokens.put("another issuer", TestTokens.sign(Jwt.issuer("https://elsewhere.test").audience(TestTokens.AUDIENCE)
                .subject("jwt-client").expiresAt(now.plusSeconds(300)), TestTokens.TRUSTED.getPrivate()));
        tokens.put("another audience", TestTokens.token("jwt-client", c -> c.audience("someone-else")));
        tokens.put("an untrusted key", TestTokens.sign(TestTokens.valid("jwt-client"),
                TestTokens.UNTRUSTED.getPrivate()));
        tokens.put("alg none", TestTokens.unsigned("jwt-client"));
        tokens.put("no sub", TestTokens.sign(Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE)
                .expiresAt(now.plusSeconds(300)), TestTokens.TRUSTED.getPrivate()));
        tokens.forEach((what, token) -> unauthorized(bearer(token).contentType("application/json")
                .body("{\"value\":1}").post("/v1/topics/{topic}/events", topic).then(), what)
                .header("WWW-Authenticate", startsWith("Bearer realm=\"producer-gateway\"")));
        assertEquals(0, kafka.readAll(topic).size(), "nothing was written");
    }

    @Test
    void aPrincipalHoldsAtMostItsStreams() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("orders"), 1);
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port",
                Integer.class);
        try (java.net.Socket open = new java.net.Socket("127.0.0.1", port)) {
            // One stream held open: headers and a first event, no end.
            String line = "{\"value\":1}\n";
            open.getOutputStream().write(("POST /v1/topics/" + topic + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-API-Key: " + ORDERS_KEY + "\r\nContent-Type: application/x-ndjson\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(line.length()) + "\r\n" + line
                    + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            open.getOutputStream().flush();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> kafka.readAll(topic).size() == 1);

            given().contentType(MediaTypes.NDJSON).header("X-API-Key", ORDERS_KEY).body(utf8("{\"value\":2}\n"))
                    .post("/v1/topics/{topic}/events", topic)
                    .then().statusCode(429).header("Retry-After", "1")
                    .body("type", equalTo("urn:producer-gateway:problem:too-many-streams"));
            given().contentType(MediaTypes.NDJSON).header("X-API-Key", AUDIT_KEY).body(utf8("{\"value\":3}\n"))
                    .post("/v1/topics/{topic}/events", topic).then().statusCode(403);
        }
        // The held stream ended with its connection: the principal may open another; a JWT streams as well.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given()
                .contentType(MediaTypes.NDJSON).header("X-API-Key", ORDERS_KEY).body(utf8("{\"value\":4}\n"))
                .post("/v1/topics/{topic}/events", topic).statusCode() == 200);
        String jwtTopic = kafka.createTopic(KafkaTestClient.uniqueTopic("jwt"), 1);
        bearer(TestTokens.token("jwt-client")).contentType(MediaTypes.NDJSON).body(utf8("{\"value\":5}\n"))
                .post("/v1/topics/{topic}/events", jwtTopic).then().statusCode(200)
                .body(containsString("\"acked\":1"));
    }

    @Test
    void aPrincipalOverItsQuotaIs429WithTheRateLimitHeadersAndNothingIsWritten() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("metered"), 1);
        // One event a second: a batch of three passes on the full bucket and overdraws it by two seconds' worth, so
        // the next requests of those seconds are refused.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> metered()
                .body("[{\"value\":1},{\"value\":2},{\"value\":3}]").post("/v1/topics/{topic}/events", topic)
                .statusCode() == 200);
        ValidatableResponse refused = metered().body("{\"id\":\"refused\",\"value\":6}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:quota-exceeded"))
                .header("RateLimit-Policy", "\"events\";q=1;w=1, \"bytes\";q=100000;w=1")
                .header("RateLimit", startsWith("\"events\";r=0;t="));
        long retryAfter = Long.parseLong(refused.extract().header("Retry-After"));
        assertEquals(true, retryAfter == 2 || retryAfter == 3, "Retry-After " + retryAfter);
        // The REST Proxy API is metered alike (refused, or admitted if the second has passed meanwhile).
        given().contentType(MediaTypes.JSON_V2).header("X-API-Key", METERED_KEY)
                .body("{\"records\":[{\"value\":7}]}").post("/topics/{topic}", topic).then()
                .header("RateLimit-Policy", startsWith("\"events\";q=1;w=1"));

        // Once the window has passed, the principal produces again; and every answer carries its quota.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                metered().body("{\"id\":\"later\",\"value\":8}").post("/v1/topics/{topic}/events", topic)
                        .statusCode() == 200);
        metered().body("{\"value\":9}").post("/v1/topics/{topic}/events", topic).then()
                .header("RateLimit-Policy", startsWith("\"events\";q=1;w=1"));
        List<String> ids = kafka.readAll(topic).stream().map(Records::eventId).toList();
        assertEquals(false, ids.contains("refused"), "a refused request writes nothing: " + ids);
        assertEquals(true, ids.contains("later"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(true, metrics.lines().anyMatch(l -> l.startsWith("gateway_quota_refused_events_total{")
                && l.contains("principal=\"metered\"") && !l.endsWith(" 0.0")), "refusals counted per principal");
    }

    @Test
    void aStreamOverItsQuotaIsReadMoreSlowlyNotRefused() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("metered"), 1);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            lines.append("{\"id\":\"s").append(i).append("\",\"value\":").append(i).append("}\n");
        }
        long start = System.nanoTime();
        // Two events a second: two on the full bucket, then the gateway stops reading until the quota has room.
        String answer = given().contentType(MediaTypes.NDJSON).header("X-API-Key", STREAMER_KEY)
                .body(utf8(lines.toString())).post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).header("RateLimit-Policy", "\"events\";q=2;w=1")
                .extract().asString();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(true, answer.contains("\"acked\":6") && answer.contains("\"failed\":0"), answer);
        assertEquals(true, took.compareTo(Duration.ofMillis(1500)) >= 0, "read at the quota's pace, took " + took);
        assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5"),
                kafka.readAll(topic).stream().map(Records::eventId).toList());
    }

    @Test
    void operationalEndpointsNeedNoCredentials() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    private static RequestSpecification metered() {
        return given().contentType("application/json").header("X-API-Key", METERED_KEY);
    }

    private static RequestSpecification bearer(String credential) {
        return given().header("Authorization", "Bearer " + credential);
    }

    private static ValidatableResponse unauthorized(ValidatableResponse answer) {
        return unauthorized(answer, "");
    }

    private static ValidatableResponse unauthorized(ValidatableResponse answer, String what) {
        assertEquals(401, answer.extract().statusCode(), what + ": " + answer.extract().asString());
        return answer.statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:unauthorized"), "status", equalTo(401));
    }

    private static void forbidden(ValidatableResponse answer, String principal, String topic) {
        answer.statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:forbidden"),
                        "detail", containsString("Principal " + principal + " may not produce to topic " + topic));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
