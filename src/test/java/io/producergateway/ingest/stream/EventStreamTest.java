package io.producergateway.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** One connection, many events: one acknowledgement per line, in order, and a bad line fails only itself. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class EventStreamTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void tenThousandEventsOverOneConnectionArriveCompleteAndInOrderPerKey() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("stream"), 4);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("{\"id\":\"e").append(i).append("\",\"key\":\"k").append(i % 10).append("\",\"value\":")
                    .append(i).append("}\n");
        }

        List<String> answer = stream(topic, body.toString());

        assertEquals(10_001, answer.size(), "one line per event and a summary");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < 10_000; i++) {
            com.fasterxml.jackson.databind.JsonNode line = mapper.readTree(answer.get(i));
            assertEquals("e" + i, line.path("id").asText(), "acknowledgements come in request order: " + line);
            assertTrue(line.get("offset").asLong() >= 0);
        }
        JsonPath summary = JsonPath.from(answer.get(10_000));
        assertEquals(10_000, summary.getInt("summary.acked"));
        assertEquals(0, summary.getInt("summary.failed"));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(10_000, records.size());
        Map<String, Integer> lastValuePerKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) { // partition then offset order
            String key = new String(record.key(), StandardCharsets.UTF_8);
            int value = Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8));
            Integer previous = lastValuePerKey.put(key, value);
            assertTrue(previous == null || previous < value, key + ": " + previous + " then " + value);
        }
        assertEquals(10, lastValuePerKey.size());
    }

    @Test
    void aBadLineFailsOnlyItself() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("stream-bad"), 1);

        List<String> answer = stream(topic, "{\"id\":\"a\",\"value\":1}\n{not json\n\n{\"id\":\"c\",\"value\":3}\n"
                + "{\"id\":\"d\",\"key\":5,\"value\":4}\n{\"id\":\"e\",\"value\":5}");

        assertEquals(6, answer.size(), String.join("\n", answer));
        assertEquals("a", JsonPath.from(answer.get(0)).getString("id"));
        assertEquals("urn:producer-gateway:problem:malformed-request", JsonPath.from(answer.get(1)).getString("type"));
        assertEquals("c", JsonPath.from(answer.get(2)).getString("id"));
        assertEquals("urn:producer-gateway:problem:invalid-field", JsonPath.from(answer.get(3)).getString("type"));
        assertEquals("e", JsonPath.from(answer.get(4)).getString("id"), "a last line without newline counts");
        assertEquals(3, JsonPath.from(answer.get(5)).getInt("summary.acked"));
        assertEquals(2, JsonPath.from(answer.get(5)).getInt("summary.failed"));
        assertEquals(List.of("1", "3", "5"), kafka.readAll(topic).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void anUnknownTopicFailsEveryLineButTheStreamEndsCleanly() throws Exception {
        List<String> answer = stream(KafkaTestClient.uniqueTopic("no-such"), "{\"value\":1}\n{\"value\":2}\n");
        assertEquals(3, answer.size());
        assertEquals("urn:producer-gateway:problem:unknown-topic", JsonPath.from(answer.get(0)).getString("type"));
        assertEquals(2, JsonPath.from(answer.get(2)).getInt("summary.failed"));
    }

    private static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < bytes.length; from += size) {
            chunks.add(java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
        }
        return chunks;
    }

    private List<String> stream(String topic, String ndjson) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] bytes = ndjson.getBytes(StandardCharsets.UTF_8);
        HttpResponse<java.util.stream.Stream<String>> response = http.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/topics/" + topic + "/events"))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(120))
                // Pieces of unknown total length: sent chunked, as a streaming client would.
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks(bytes, 64 * 1024))).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElse(""));
        return response.body().toList();
    }
}
