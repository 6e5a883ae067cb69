package io.producergateway.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.IsolatedKafka;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;

/** What callers see when the broker is gone, hung or slow: bounded 503s with Retry-After, and recovery. */
@QuarkusTest
@TestProfile(BrokerOutageTest.ShortTimeouts.class)
@WithTestResource(value = IsolatedKafka.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class BrokerOutageTest {

    /** Small bounds so that the test sees them quickly. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.delivery.max-in-flight", "4",
                    "gateway.ingest.max-events-per-request", "4",
                    "gateway.delivery.timeout", "10s",
                    "gateway.topics.lookup-timeout", "2s",
                    "gateway.stream.window", "3",
                    "mp.messaging.outgoing.events-out.delivery.timeout.ms", "6000",
                    "mp.messaging.outgoing.events-out.request.timeout.ms", "3000",
                    "mp.messaging.outgoing.events-out.max.block.ms", "2000",
                    // The leader profile waits for Kafka longer than the gateway's own bound, so that the gateway's
                    // wait is what ends a sync request there (and sends no second request while the broker is frozen).
                    "mp.messaging.outgoing.events-leader.delivery.timeout.ms", "60000",
                    "mp.messaging.outgoing.events-leader.request.timeout.ms", "30000");
        }
    }

    /** Every wait of a request in this test is bounded by the client, far above the gateway's own bounds. */
    private static final int CLIENT_TIMEOUT_MILLIS = 30_000;

    @Test
    void overloadIsAnswered503WithRetryAfterAndClearsWhenKafkaCatchesUp() {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("saturation"), 1);
        request().body("{\"value\":0}").post("/v1/topics/{topic}/events", topic).then().statusCode(200);

        IsolatedKafka.broker().pause();
        try {
            for (int i = 1; i <= 4; i++) {
                request().header("Prefer", "respond-async").body("{\"id\":\"held-" + i + "\",\"value\":" + i + "}")
                        .post("/v1/topics/{topic}/events", topic).then().statusCode(202);
            }
            request().body("{\"value\":5}").post("/v1/topics/{topic}/events", topic)
                    .then().statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("type", equalTo("urn:producer-gateway:problem:overloaded"));
            assertEquals(4.0, inFlight());
        } finally {
            IsolatedKafka.broker().resume();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0.0);
        request().body("{\"value\":6}").post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        List<String> ids = kafka.readAll(topic).stream()
                .map(Records::eventId)
                .filter(id -> id.startsWith("held-")).sorted().toList();
        assertEquals(List.of("held-1", "held-2", "held-3", "held-4"), ids, "events held during the pause arrive");
    }

    @Test
    void brokerDownGivesABounded503AndTheServiceRecoversByItself() {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("outage"), 1);
        request().body("{\"value\":\"before\"}").post("/v1/topics/{topic}/events", topic).then().statusCode(200);

        IsolatedKafka.broker().stop();
        try {
            request().body("{\"value\":\"during\"}").post("/v1/topics/{topic}/events", topic)
                    .then().statusCode(503).header("Retry-After", notNullValue())
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:producer-gateway:problem:broker-unavailable"));
            request().body("{\"value\":1}").post("/v1/topics/{topic}/events", KafkaTestClient.uniqueTopic("unknown"))
                    .then().statusCode(503).body("type", equalTo("urn:producer-gateway:problem:broker-unavailable"));
        } finally {
            IsolatedKafka.broker().start();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> request()
                .body("{\"value\":\"after\"}").post("/v1/topics/{topic}/events", topic).statusCode() == 200);
        List<String> values = kafka.readAll(topic).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
        assertEquals("\"before\"", values.get(0));
        assertEquals("\"after\"", values.get(values.size() - 1));
    }

    @Test
    void aSyncEventKafkaHasNotConfirmedWhenTheGatewaysWaitEndsIsAnswered503MayStillBeWritten() {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("unconfirmed"), 1);
        // The leader channel knows the topic and has its connection (another test may have just restarted the broker).
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> request()
                .header("X-Delivery", "leader").body("{\"value\":0}").post("/v1/topics/{topic}/events", topic)
                .statusCode() == 200);

        IsolatedKafka.broker().pause();
        try {
            request().header("X-Delivery", "leader").body("{\"id\":\"unconfirmed-1\",\"value\":1}")
                    .post("/v1/topics/{topic}/events", topic)
                    .then().statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("type", equalTo("urn:producer-gateway:problem:broker-unavailable"),
                            "detail", equalTo("Kafka had not confirmed the event after 10 s (gateway.delivery.timeout); "
                                    + "it may still be written: retry with the same id and deduplicate on the "
                                    + "event-id header"));
            assertEquals(1.0, inFlight(), "the producer still holds the event");
        } finally {
            IsolatedKafka.broker().resume();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0.0);
        assertEquals(List.of("unconfirmed-1"), kafka.readAll(topic).stream().map(Records::eventId)
                .filter(id -> id.startsWith("unconfirmed-")).toList(), "it was written after all, once");
    }

    @Test
    void readinessFollowsTheBrokerWhileLivenessStaysUp() {
        given().get("/q/health/ready").then().statusCode(200);

        IsolatedKafka.broker().stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka-cluster' }.status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            IsolatedKafka.broker().start();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aStreamingClientIsSlowedByTcpWhileTheBrokerIsFrozen() throws Exception {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("stream-backpressure"), 1);
        request().body("{\"value\":0}").post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.http.test-port", Integer.class);
        String line = "{\"value\":\"" + "x".repeat(1000) + "\"}\n";
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        double heapBefore = heapUsed();

        IsolatedKafka.broker().pause();
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setSendBufferSize(16 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/topics/" + topic + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = (Integer.toHexString(line.length()) + "\r\n" + line + "\r\n").getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 200_000; i++) { // 200 MB if nothing pushed back
                        out.write(chunk);
                        written.incrementAndGet();
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the socket
                }
            }, "stream-writer");
            writer.setDaemon(true);
            writer.start();

            // The writer stalls: the service stopped reading once its window was full, then TCP buffers filled.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(
                    new java.util.concurrent.Callable<Boolean>() {
                        long last = -1;

                        @Override
                        public Boolean call() {
                            long now = written.get();
                            boolean stalled = now == last && now > 0;
                            last = now;
                            return stalled;
                        }
                    });
            long stalledAt = written.get();
            System.out.printf("stream backpressure: writer stalled after %d lines of 1 KB (%d KB), in flight %.0f%n",
                    stalledAt, stalledAt, inFlight());
            assertTrue(stalledAt < 20_000, "TCP buffers, not the heap, hold the rest: " + stalledAt);
            assertTrue(inFlight() <= 3.0, "the stream window bounds the events in flight");
            assertTrue(heapUsed() - heapBefore < 64 * 1024 * 1024, "the heap did not grow with the stream");
            assertTrue(writer.isAlive(), "the writer is blocked, not finished");
        } finally {
            IsolatedKafka.broker().resume();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0.0);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static double heapUsed() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static RequestSpecification request() {
        return given().contentType("application/json").config(RestAssured.config().httpClient(HttpClientConfig
                .httpClientConfig().setParam("http.socket.timeout", CLIENT_TIMEOUT_MILLIS)
                .setParam("http.connection.timeout", CLIENT_TIMEOUT_MILLIS)));
    }

    private static double inFlight() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("gateway_events_in_flight "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
