package io.producergateway.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Events over a WebSocket, through the JDK's client: one answer message per event, in order, each the record Kafka
 * holds; a bad frame fails only itself; a frame over the longest line ends the stream with 1009 after the answers
 * before it.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class WebSocketStreamTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void tenThousandEventsAreAnsweredInOrderEachByTheRecordKafkaHolds() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ws"), 4);
        EventSocket socket = EventSocket.open(port, topic, Map.of());
        for (int i = 0; i < 10_000; i++) {
            socket.send("{\"id\":\"e" + i + "\",\"key\":\"k" + i % 10 + "\",\"value\":" + i + "}");
        }

        List<JsonNode> answers = socket.answers(10_000);
        assertEquals(1000, socket.close(), "all answered: the client closes, the gateway echoes");

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(10_000, records.size());
        Map<String, ConsumerRecord<byte[], byte[]>> byPosition = new HashMap<>();
        records.forEach(r -> byPosition.put(r.partition() + "/" + r.offset(), r));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            JsonNode answer = answers.get(i);
            assertEquals("e" + i, answer.path("id").asText(), "answers come in the order of the events: " + answer);
            ConsumerRecord<byte[], byte[]> record = byPosition.get(answer.path("partition").asInt() + "/"
                    + answer.path("offset").asLong());
            assertEquals("e" + i, record == null ? null : Records.eventId(record), "the record at " + answer);
            assertEquals(String.valueOf(i), Records.text(record.value()));
            assertEquals("k" + i % 10, Records.text(record.key()));
            assertEquals(topic, answer.path("topic").asText());
            ids.add(Records.eventId(record));
        }
        assertEquals(10_000, ids.size(), "each event once");
    }

    @Test
    void aBadFrameFailsOnlyItselfAndABinaryFrameIsReadAsText() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ws-bad"), 1);
        EventSocket socket = EventSocket.open(port, topic, Map.of());

        socket.send("{\"id\":\"a\",\"value\":1}");
        socket.send("{not json");
        socket.send(" "); // blank: a keep-alive, not answered
        socket.send("{\"id\":\"c\",\"value\":3}");
        socket.send("{\"id\":\"d\",\"key\":5,\"value\":4}");
        socket.sendBinary("{\"id\":\"e\",\"value\":5}");
        List<JsonNode> answers = socket.answers(5);

        assertEquals("a", answers.get(0).path("id").asText());
        assertEquals("urn:producer-gateway:problem:malformed-request", answers.get(1).path("type").asText());
        assertEquals(400, answers.get(1).path("status").asInt());
        assertEquals("c", answers.get(2).path("id").asText());
        assertEquals("urn:producer-gateway:problem:invalid-field", answers.get(3).path("type").asText());
        assertEquals("e", answers.get(4).path("id").asText());
        assertEquals(1000, socket.close());
        assertEquals(0, socket.waiting(), "no summary for a stream the client closed");
        assertEquals(List.of("1", "3", "5"), kafka.readAll(topic).stream().map(r -> Records.text(r.value())).toList());
    }

    @Test
    void aFrameOverTheLongestLineIsAnsweredAndClosesWith1009AfterTheAnswersBeforeIt() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ws-long"), 1);
        EventSocket socket = EventSocket.open(port, topic, Map.of());
        String large = "x".repeat(200 * 1024); // over Vert.x's own 64 KB frames, under gateway.stream.max-line-bytes

        socket.send("{\"id\":\"large\",\"value\":\"" + large + "\"}");
        socket.send("{\"id\":\"too-large\",\"value\":\"" + "x".repeat(1024 * 1024) + "\"}");
        List<JsonNode> answers = socket.answers(3);

        assertEquals("large", answers.get(0).path("id").asText());
        assertEquals("urn:producer-gateway:problem:payload-too-large", answers.get(1).path("type").asText());
        assertTrue(answers.get(1).path("detail").asText().contains("gateway.stream.max-line-bytes"),
                answers.toString());
        JsonNode summary = answers.get(2).path("summary");
        assertEquals(1, summary.path("acked").asInt(), answers.toString());
        assertEquals("frame-too-large", summary.path("reason").asText());
        assertEquals(1009, socket.closeCode());
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(List.of("large"), records.stream().map(Records::eventId).toList());
    }
}
