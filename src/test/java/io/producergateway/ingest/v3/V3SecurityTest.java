package io.producergateway.ingest.v3;

import static io.producergateway.security.SecuredGateway.V3_METERED_KEY;
import static io.producergateway.security.SecuredGateway.V3_PRODUCER_KEY;
import static io.producergateway.security.SecuredGateway.V3_STREAMER_KEY;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.security.SecuredGateway;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * REST Proxy v3 behind the gateway's security, at both prefixes, streamed or not: 401 without credentials, 403 for a
 * topic without grant, the quota charged per record (a request refused whole, a stream read more slowly), and the
 * streams a principal may hold counted with its NDJSON streams.
 */
@QuarkusTest
@TestProfile(SecuredGateway.class)
@WithTestResource(SharedKafka.class)
class V3SecurityTest {

    private static final String RECORD = "{\"value\":{\"type\":\"STRING\",\"data\":\"%s\"}}";

    private final KafkaTestClient kafka = SharedKafka.client();
    private final String cluster = V3Client.clusterId(kafka);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void withoutCredentialsOrGrantNothingIsWrittenAtEitherPrefixStreamedOrNot() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-secured"), 1);
        String ungranted = kafka.createTopic(KafkaTestClient.uniqueTopic("other"), 1);
        byte[] record = RECORD.formatted("x").getBytes(StandardCharsets.UTF_8);

        for (String path : List.of(V3Client.records(cluster, topic), "/kafka" + V3Client.records(cluster, topic))) {
            given().contentType("application/json").body(record).post(path).then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer realm=\"producer-gateway\""))
                    .body("type", equalTo("urn:producer-gateway:problem:unauthorized"));
            assertEquals(401, V3Client.stream(port, path, record, Map.of()).statusCode(), path);
        }
        given().contentType("application/json").header("X-API-Key", V3_PRODUCER_KEY).body(record)
                .post(V3Client.records(cluster, ungranted)).then().statusCode(403)
                .body("type", equalTo("urn:producer-gateway:problem:forbidden"));
        assertEquals(403, V3Client.stream(port, "/kafka" + V3Client.records(cluster, ungranted), record,
                Map.of("X-API-Key", V3_PRODUCER_KEY)).statusCode());

        assertEquals(0, kafka.readAll(topic).size());
        assertEquals(0, kafka.readAll(ungranted).size());
        given().contentType("application/json").header("X-API-Key", V3_PRODUCER_KEY).body(record)
                .post(V3Client.records(cluster, topic)).then().statusCode(200);
    }

    @Test
    void theQuotaIsChargedPerRecordAndARequestOverItIsRefusedWhole() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-metered"), 1);
        // One record a second: three records pass on the full bucket and overdraw it by two seconds' worth.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().contentType("application/json")
                .header("X-API-Key", V3_METERED_KEY).body(RECORD.formatted("a") + RECORD.formatted("b")
                        + RECORD.formatted("c"))
                .post(V3Client.records(cluster, topic)).statusCode() == 200);
        given().contentType("application/json").header("X-API-Key", V3_METERED_KEY).body(RECORD.formatted("refused"))
                .post(V3Client.records(cluster, topic)).then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:quota-exceeded"))
                .header("RateLimit-Policy", startsWith("\"events\";q=1;w=1"));

        List<String> values = kafka.readAll(topic).stream().map(r -> text(r.value())).toList();
        assertEquals(List.of("a", "b", "c"), values.subList(values.size() - 3, values.size()));
        assertTrue(!values.contains("refused"), values.toString());
    }

    @Test
    void aStreamOverItsQuotaIsReadMoreSlowlyNotRefused() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-streamer"), 1);
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            records.append(RECORD.formatted("s" + i));
        }
        long start = System.nanoTime();

        HttpResponse<String> answer = V3Client.stream(port, V3Client.records(cluster, topic),
                records.toString().getBytes(StandardCharsets.UTF_8), Map.of("X-API-Key", V3_STREAMER_KEY));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(200, answer.statusCode());
        List<JsonNode> reports = V3Client.nodes(answer.body());
        assertEquals(List.of(200, 200, 200, 200, 200, 200), reports.stream().map(r -> r.path("error_code").asInt())
                .toList());
        assertTrue(took.compareTo(Duration.ofMillis(1500)) >= 0, "read at the quota's pace, took " + took);
        assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5"), kafka.readAll(topic).stream()
                .map(r -> text(r.value())).toList());
    }

    @Test
    void aPrincipalsV3AndNdjsonStreamsShareItsBound() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-streams"), 1);
        try (Socket open = new Socket("127.0.0.1", port)) {
            // One v3 stream held open: headers and a first record, no end.
            String record = RECORD.formatted("held");
            OutputStream out = open.getOutputStream();
            out.write(("POST " + V3Client.records(cluster, topic) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-API-Key: " + V3_PRODUCER_KEY + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(record.length()) + "\r\n" + record
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> kafka.readAll(topic).size() == 1);

            HttpResponse<String> second = V3Client.stream(port, "/kafka" + V3Client.records(cluster, topic),
                    RECORD.formatted("second").getBytes(StandardCharsets.UTF_8), Map.of("X-API-Key", V3_PRODUCER_KEY));
            assertEquals(429, second.statusCode(), second.body());
            assertTrue(second.body().contains("urn:producer-gateway:problem:too-many-streams"), second.body());
            given().contentType(MediaTypes.NDJSON).header("X-API-Key", V3_PRODUCER_KEY)
                    .body("{\"value\":1}\n".getBytes(StandardCharsets.UTF_8)).post("/v1/topics/{topic}/events", topic)
                    .then().statusCode(429).body("type", equalTo("urn:producer-gateway:problem:too-many-streams"));
            // A request with a Content-Length is no stream: it passes.
            given().contentType("application/json").header("X-API-Key", V3_PRODUCER_KEY).body(RECORD.formatted("plain"))
                    .post(V3Client.records(cluster, topic)).then().statusCode(200);
        }
        // The held stream ended with its connection: the principal may open another.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> V3Client.stream(port,
                V3Client.records(cluster, topic), RECORD.formatted("later").getBytes(StandardCharsets.UTF_8),
                Map.of("X-API-Key", V3_PRODUCER_KEY)).statusCode() == 200);
        List<String> values = kafka.readAll(topic).stream().map(r -> text(r.value())).toList();
        assertEquals("held", values.get(0));
        assertTrue(values.contains("plain") && values.contains("later") && !values.contains("second"), values.toString());
    }
}
