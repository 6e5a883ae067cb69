package io.producergateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** API keys say who calls; grants say which topics each caller may produce to. */
@QuarkusTest
@TestProfile(AuthenticationTest.WithKeys.class)
@WithTestResource(SharedKafka.class)
class AuthenticationTest {

    private static final String ORDERS_KEY = "k-orders-3f9a1c";
    private static final String AUDIT_KEY = "k-audit-77e1b0";

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.auth.enabled", "true",
                    "gateway.auth.api-keys", "orders-service:" + ORDERS_KEY + ",audit:" + AUDIT_KEY,
                    "gateway.auth.grants", "orders-service=orders-.*,orders-service=payments,audit=audit-.*",
                    "gateway.auth.max-streams-per-principal", "1");
        }
    }

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void withoutAValidKeyTheAnswerIs401AndNothingIsWritten() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("orders"), 1);

        given().contentType("application/json").body("{\"value\":1}").post("/v1/topics/{topic}/events", topic)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"producer-gateway\"")
                .body("type", equalTo("urn:producer-gateway:problem:unauthorized"));
        given().contentType("application/json").header("Authorization", "Bearer wrong").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(401);
        given().contentType(MediaTypes.JSON_V2).body("{\"records\":[{\"value\":1}]}")
                .post("/topics/{topic}", topic).then().statusCode(401);
        given().contentType("application/x-ndjson").body("{\"value\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/topics/{topic}/events", topic).then().statusCode(401);

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void aKeyProducesOnlyToTheTopicsItsPrincipalIsGranted() {
        String orders = kafka.createTopic(KafkaTestClient.uniqueTopic("orders"), 1);
        String audit = kafka.createTopic(KafkaTestClient.uniqueTopic("audit"), 1);

        given().contentType("application/json").header("Authorization", "Bearer " + ORDERS_KEY).body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", orders).then().statusCode(200);
        given().contentType(MediaTypes.JSON_V2).header("X-API-Key", ORDERS_KEY)
                .body("{\"records\":[{\"value\":2}]}").post("/topics/{topic}", orders).then().statusCode(200);
        given().contentType("application/json").header("Authorization", "Bearer " + ORDERS_KEY).body("{\"value\":3}")
                .post("/v1/topics/{topic}/events", audit)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:forbidden"));
        given().contentType("application/json").header("X-API-Key", AUDIT_KEY).body("{\"value\":4}")
                .post("/v1/topics/{topic}/events", audit).then().statusCode(200);

        assertEquals(2, kafka.readAll(orders).size());
        assertEquals(1, kafka.readAll(audit).size());
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
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(line.length()) + "\r\n" + line + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            open.getOutputStream().flush();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> kafka.readAll(topic).size() == 1);

            given().contentType("application/x-ndjson").header("X-API-Key", ORDERS_KEY)
                    .body("{\"value\":2}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/v1/topics/{topic}/events", topic)
                    .then().statusCode(429).header("Retry-After", "1")
                    .body("type", equalTo("urn:producer-gateway:problem:too-many-streams"));
            given().contentType("application/x-ndjson").header("X-API-Key", AUDIT_KEY)
                    .body("{\"value\":3}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/v1/topics/{topic}/events", topic).then().statusCode(403);
        }
        // The held stream ended with its connection: the principal may open another.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> given()
                .contentType("application/x-ndjson").header("X-API-Key", ORDERS_KEY)
                .body("{\"value\":4}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/topics/{topic}/events", topic).statusCode() == 200);
    }

    @Test
    void operationalEndpointsNeedNoKey() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
