package io.producergateway.ingest.v3;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
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

import io.producergateway.testing.IsolatedKafka;
import io.producergateway.testing.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A REST Proxy v3 stream has the bounds of every stream: backpressure (with the broker frozen, the gateway stops
 * reading the connection once its window of records waits for Kafka, so the client's writes stall in TCP while the
 * records in flight stay at the window), the idle timeout and the longest record, each ending it with a report.
 */
@QuarkusTest
@TestProfile(V3StreamLimitsTest.SmallWindow.class)
@WithTestResource(value = IsolatedKafka.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class V3StreamLimitsTest {

    public static class SmallWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.stream.window", "3", "gateway.stream.idle-timeout", "2s",
                    "gateway.stream.max-line-bytes", "4096");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aStreamingClientIsSlowedByTcpWhileTheBrokerIsFrozen() throws Exception {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-backpressure"), 1);
        String cluster = V3Client.clusterId(kafka);
        given().contentType("application/json").body("{\"value\":{\"type\":\"JSON\",\"data\":0}}")
                .post(V3Client.records(cluster, topic)).then().statusCode(200);
        String record = "{\"value\":{\"type\":\"STRING\",\"data\":\"" + "x".repeat(1000) + "\"}}";
        byte[] chunk = (Integer.toHexString(record.length()) + "\r\n" + record + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicLong written = new AtomicLong();

        IsolatedKafka.broker().pause();
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + V3Client.records(cluster, topic) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 200_000; i++) { // 200 MB if nothing pushed back
                        out.write(chunk);
                        written.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            }, "v3-stream-writer");
            writer.setDaemon(true);
            writer.start();

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                    .until(new Callable<Boolean>() {
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
            assertTrue(stalledAt < 20_000, "TCP buffers, not the heap, hold the rest: " + stalledAt);
            assertTrue(inFlight() <= 3.0, "the stream window bounds the records in flight: " + inFlight());
            assertTrue(writer.isAlive(), "the writer is blocked, not finished");
        } finally {
            IsolatedKafka.broker().resume();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inFlight() == 0.0);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aSilentStreamEndsWithA408ReportAfterTheRecordsItSent() throws Exception {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-idle"), 1);
        String record = "{\"value\":{\"type\":\"STRING\",\"data\":\"only\"}}";

        List<JsonNode> reports = heldStream(V3Client.records(V3Client.clusterId(kafka), topic), record);

        assertEquals(2, reports.size(), reports.toString());
        assertEquals(200, reports.get(0).path("error_code").asInt());
        assertEquals(408, reports.get(1).path("error_code").asInt());
        assertEquals("urn:producer-gateway:problem:request-timeout", reports.get(1).path("type").asText());
        assertTrue(reports.get(1).path("message").asText().contains("gateway.stream.idle-timeout"), reports.toString());
        assertEquals(1, kafka.readAll(topic).size());
    }

    @Test
    void aRecordLongerThanTheLimitEndsTheStreamAfterTheRecordsBeforeIt() throws Exception {
        KafkaTestClient kafka = IsolatedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-long"), 1);
        String record = "{\"value\":{\"type\":\"STRING\",\"data\":\"%s\"}}";

        HttpResponse<String> answer = V3Client.stream(port, V3Client.records(V3Client.clusterId(kafka), topic),
                (record.formatted("short") + record.formatted("x".repeat(5000)) + record.formatted("after"))
                        .getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(200, answer.statusCode());
        List<JsonNode> reports = V3Client.nodes(answer.body());
        assertEquals(List.of(200, 413), reports.stream().map(r -> r.path("error_code").asInt()).toList());
        assertEquals("urn:producer-gateway:problem:payload-too-large", reports.get(1).path("type").asText());
        assertTrue(reports.get(1).path("message").asText().contains("gateway.stream.max-line-bytes"));
        assertEquals(1, kafka.readAll(topic).size());
    }

    /** Sends the records as one chunk of a stream it never ends, and reads the answer the gateway ends. */
    private List<JsonNode> heldStream(String path, String records) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(records.length()) + "\r\n" + records + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // The connection stays open: the answer is read up to its last chunk.
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!read.toString(StandardCharsets.UTF_8).endsWith("\r\n0\r\n\r\n")) {
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                read.write(buffer, 0, n);
            }
            String answer = read.toString(StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            StringBuilder body = new StringBuilder();
            String[] chunks = answer.substring(answer.indexOf("\r\n\r\n") + 4).split("\r\n");
            for (int i = 1; i < chunks.length; i += 2) { // size, data, size, data...
                body.append(chunks[i]);
            }
            return V3Client.nodes(body.toString());
        }
    }

    private static double inFlight() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("gateway_events_in_flight "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
