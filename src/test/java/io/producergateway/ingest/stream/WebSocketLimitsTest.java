package io.producergateway.ingest.stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.IsolatedKafka;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A WebSocket stream has the bounds of every stream: backpressure (with the broker frozen, the gateway stops reading
 * the socket once its window waits for Kafka, so the client's sends block while the events in flight stay at the
 * window), the idle timeout (close 4000 after the answers), the caller's credentials and grants on the upgrade (401,
 * 403 as HTTP answers) and its principal's bound on open streams (429).
 */
@QuarkusTest
@TestProfile(WebSocketLimitsTest.SmallWindow.class)
@WithTestResource(value = IsolatedKafka.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class WebSocketLimitsTest {

    private static final String KEY = "k-ws-producer-5e1f";
    private static final String OTHER_KEY = "k-ws-other-90c2";
    private static final Map<String, String> CREDENTIALS = Map.of("X-API-Key", KEY);

    public static class SmallWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.stream.window", "3", "gateway.stream.idle-timeout", "5s",
                    "gateway.auth.enabled", "true",
                    "gateway.auth.api-keys", "producer:" + KEY + ",other:" + OTHER_KEY,
                    "gateway.auth.grants", "producer=ws-.*,other=elsewhere-.*",
                    "gateway.auth.max-streams-per-principal", "1");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aClientsSendsBlockWhileTheBrokerIsFrozenAndMemoryStaysBounded() throws Exception {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ws-backpressure"), 1);
        given().header("X-API-Key", KEY).contentType("application/json").body("{\"value\":0}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        String event = "{\"value\":\"" + "x".repeat(1000) + "\"}";
        AtomicLong sent = new AtomicLong();
        double heapBefore = heapUsed();

        IsolatedKafka.broker().pause();
        EventSocket socket = EventSocket.open(port, topic, CREDENTIALS);
        try {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 200_000; i++) { // 200 MB if nothing pushed back
                        socket.send(event);
                        sent.incrementAndGet();
                    }
                } catch (RuntimeException closed) {
                    // the test aborted the socket
                }
            }, "ws-writer");
            writer.setDaemon(true);
            writer.start();

            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(new Callable<Boolean>() {
                        long last = -1;

                        @Override
                        public Boolean call() {
                            long now = sent.get();
                            boolean stalled = now == last && now > 0;
                            last = now;
                            return stalled;
                        }
                    });
            long stalledAt = sent.get();
            System.out.printf("websocket backpressure: sends blocked after %d events of 1 KB, in flight %.0f%n",
                    stalledAt, inFlight());
            assertTrue(stalledAt < 20_000, "TCP buffers, not the heap, hold the rest: " + stalledAt);
            assertTrue(inFlight() <= 3.0, "the stream window bounds the events in flight: " + inFlight());
            assertTrue(heapUsed() - heapBefore < 64 * 1024 * 1024, "the heap did not grow with the stream");
            assertTrue(writer.isAlive(), "the writer is blocked, not finished");
            assertEquals(0, socket.waiting(), "nothing is acknowledged while the broker is frozen");
        } finally {
            socket.abort();
            IsolatedKafka.broker().resume();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0.0);
        // The aborted stream gave its principal's stream back.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().header("X-API-Key", KEY)
                .contentType(MediaTypes.NDJSON).body(ndjson("{\"value\":1}")).post("/v1/topics/{topic}/events", topic)
                .statusCode() == 200);
    }

    @Test
    void aSilentStreamIsClosedWith4000AfterItsAnswersAndGivesItsPrincipalsStreamBack() throws Exception {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ws-idle"), 1);

        EventSocket held = EventSocket.open(port, topic, CREDENTIALS);
        try {
            held.send("{\"id\":\"only\",\"value\":1}");
            assertEquals(429, EventSocket.refusal(port, topic, CREDENTIALS), "the principal holds its one stream");
            held.send(" "); // a blank message keeps the stream from its idle timeout
            given().header("X-API-Key", KEY).contentType(MediaTypes.NDJSON).body(ndjson("{\"value\":2}"))
                    .post("/v1/topics/{topic}/events", topic).then().statusCode(429);

            List<JsonNode> answers = held.answers(2);
            assertEquals("only", answers.get(0).path("id").asText());
            assertEquals(1, answers.get(1).path("summary").path("acked").asInt());
            assertEquals("idle-timeout", answers.get(1).path("summary").path("reason").asText());
            assertEquals(4000, held.closeCode());
        } finally {
            held.abort();
        }

        // Given back once the gateway has the client's answer to its close.
        EventSocket next = Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> EventSocket.open(port, topic, CREDENTIALS), opened -> true);
        next.send("{\"id\":\"next\",\"value\":3}");
        assertEquals("next", next.answers(1).get(0).path("id").asText());
        assertEquals(1000, next.close());
        assertEquals(List.of("only", "next"), kafka.readAll(topic).stream()
                .map(Records::eventId).toList());
    }

    @Test
    void theUpgradeNeedsCredentialsAndAGrantForTheTopic() {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ws-secured"), 1);

        assertEquals(401, EventSocket.refusal(port, topic, Map.of()));
        assertEquals(401, EventSocket.refusal(port, topic, Map.of("X-API-Key", "wrong")));
        assertEquals(403, EventSocket.refusal(port, topic, Map.of("X-API-Key", OTHER_KEY)));
        assertEquals(0, kafka.readAll(topic).size());
    }

    private static byte[] ndjson(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static double inFlight() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("gateway_events_in_flight "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static double heapUsed() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
