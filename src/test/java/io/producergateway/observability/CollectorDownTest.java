package io.producergateway.observability;

import static io.producergateway.testing.Records.header;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.DeadCollector;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.InMemorySpans;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A collector that takes connections and never answers changes nothing a caller sees: every request is answered as
 * it is without tracing (the same status, fields, partitions and offsets), and every record is in Kafka as sent, with
 * its trace headers. Spans wait in the exporter's bounded queue, on its own thread.
 */
@QuarkusTest
@TestProfile(CollectorDownTest.ExportToDeadCollector.class)
@WithTestResource(SharedKafka.class)
class CollectorDownTest {

    /** Tracing on as a user switches it on, Quarkus' own OTLP exporter sending to a {@link DeadCollector}. */
    public static class ExportToDeadCollector implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "mp.messaging.connector.smallrye-kafka.tracing-enabled", "true",
                    // Quarkus' OTLP exporter is only made when no other exporter bean is there.
                    "quarkus.arc.exclude-types", InMemorySpans.class.getName(),
                    // Exports are tried often while the requests run.
                    "quarkus.otel.bsp.schedule.delay", "100ms",
                    // Only so that the application stops soon after the test: an export to the dead collector waits
                    // this long before it gives up, on the exporter's thread, never on a request's.
                    "quarkus.otel.exporter.otlp.traces.timeout", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeadCollector.class));
        }
    }

    private static final int REQUESTS = 200;
    private static final int BATCH = 10;
    private static final Set<String> ANSWER_FIELDS = new TreeSet<>(
            Set.of("id", "topic", "partition", "offset", "timestamp", "partitionReason"));

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void singleEventsAndBatchesAreAnsweredAndWrittenAsWithoutTracing() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("collector-down"), 2);
        long[] next = new long[2];
        List<String> sent = new ArrayList<>();

        for (int i = 0; i < REQUESTS; i++) {
            if (i % 10 == 9) {
                StringBuilder batch = new StringBuilder("[");
                for (int j = 0; j < BATCH; j++) {
                    batch.append(j == 0 ? "" : ",").append(event(i * 100 + j, j % 2));
                    sent.add("v" + (i * 100 + j));
                }
                JsonPath answer = given().contentType("application/json").body(batch.append(']').toString())
                        .post("/v1/topics/{topic}/events", topic).then().statusCode(200).extract().jsonPath();
                for (int j = 0; j < BATCH; j++) {
                    assertPlaced(answer.getMap("[" + j + "]"), topic, j % 2, next[j % 2]++);
                }
            } else {
                JsonPath answer = given().contentType("application/json").body(event(i, i % 2))
                        .post("/v1/topics/{topic}/events", topic).then().statusCode(200).extract().jsonPath();
                assertPlaced(answer.getMap(""), topic, i % 2, next[i % 2]++);
                sent.add("v" + i);
            }
        }

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecords(topic, sent.size());
        assertEquals(sent.size(), records.size(), "every event once");
        Set<String> written = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String value = text(record.value()).replace("\"", "");
            written.add(value);
            assertEquals("k" + value.substring(1), text(record.key()));
            assertEquals("yes", header(record, "sent"), "the event's own header");
            assertNotNull(header(record, "traceparent"), "the trace headers are written all the same");
        }
        assertEquals(new TreeSet<>(sent), written);
        assertTrue(DeadCollector.connections() > 0, "the exporter tried the collector meanwhile");
    }

    private static String event(int i, int partition) {
        return "{\"key\":\"k" + i + "\",\"value\":\"v" + i + "\",\"partition\":" + partition
                + ",\"headers\":{\"sent\":\"yes\"}}";
    }

    private static void assertPlaced(Map<String, Object> answer, String topic, int partition, long offset) {
        assertEquals(ANSWER_FIELDS, new TreeSet<>(answer.keySet()), "the answer's fields");
        assertEquals(topic, answer.get("topic"));
        assertEquals(partition, answer.get("partition"));
        assertEquals(offset, ((Number) answer.get("offset")).longValue());
        assertEquals("explicit", answer.get("partitionReason"));
    }
}
