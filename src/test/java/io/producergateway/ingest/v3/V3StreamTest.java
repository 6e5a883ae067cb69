package io.producergateway.ingest.v3;

import static io.producergateway.testing.Records.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * REST Proxy v3's streaming mode: a chunked body of concatenated records over one connection, answered 200 with one
 * report per record, in order, as Kafka acknowledges each; a bad record fails only itself.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class V3StreamTest {

    private static final String URN_PREFIX = "urn:producer-gateway:problem:";

    private static final int RECORDS = 10_000;
    private static final Map<Integer, String> BAD = Map.of(
            1234, "{\"value\":{\"type\":\"AVRO\",\"data\":1}}",
            4321, "{\"value\":{\"type\":\"BINARY\",\"data\":\"not base64!\"}}",
            7777, "{\"partition_id\":99,\"value\":{\"type\":\"JSON\",\"data\":1}}",
            9000, "[\"not an object\"]");

    private final KafkaTestClient kafka = SharedKafka.client();
    private final String cluster = V3Client.clusterId(kafka);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void tenThousandRecordsAreAnsweredInOrderAndABadRecordFailsOnlyItself() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-stream"), 4);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            body.append(BAD.getOrDefault(i, "{\"key\":{\"type\":\"STRING\",\"data\":\"k" + i % 10 + "\"},"
                    + "\"value\":{\"type\":\"JSON\",\"data\":" + i + "},\"headers\":[{\"name\":\"i\",\"value\":\""
                    + java.util.Base64.getEncoder().encodeToString(Integer.toString(i).getBytes()) + "\"}]}"));
            body.append(i % 3 == 0 ? "\n" : i % 3 == 1 ? " " : ""); // newlines, spaces or nothing between records
        }

        HttpResponse<String> answer = V3Client.stream(port, V3Client.records(cluster, topic),
                body.toString().getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(200, answer.statusCode());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
        List<JsonNode> reports = V3Client.nodes(answer.body());
        assertEquals(RECORDS, reports.size(), "one report per record, nothing else");
        Map<String, JsonNode> byPosition = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            JsonNode report = reports.get(i);
            if (BAD.containsKey(i)) {
                assertTrue(report.path("error_code").asInt() >= 400, i + ": " + report);
                assertEquals(V3Client.confluentCode(report.path("type").asText().substring(URN_PREFIX.length())),
                        report.path("error_code").asInt(), i + ": REST Proxy's code for the cause");
            } else {
                assertEquals(200, report.path("error_code").asInt(), i + ": " + report);
                assertEquals(Integer.toString(i).length(), report.at("/value/size").asInt(), "in order: " + report);
                byPosition.put(report.path("partition_id").asInt() + "@" + report.path("offset").asLong(), report);
            }
        }
        // the partition beyond the topic's is REST Proxy's 40402 (partition not found)
        assertEquals(List.of(422, 422, 40402, 400), List.of(1234, 4321, 7777, 9000).stream()
                .map(i -> reports.get(i).path("error_code").asInt()).toList());

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(RECORDS - BAD.size(), records.size());
        Map<String, Integer> lastPerKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) { // partition then offset order
            JsonNode report = byPosition.get(record.partition() + "@" + record.offset());
            assertTrue(report != null, "a report names " + record.partition() + "@" + record.offset());
            int value = Integer.parseInt(text(record.value()));
            assertEquals("k" + value % 10, text(record.key()));
            assertEquals(Integer.toString(value), text(record.headers().lastHeader("i").value()));
            Integer previous = lastPerKey.put(text(record.key()), value);
            assertTrue(previous == null || previous < value, "per-key order: " + previous + " then " + value);
        }
    }

    @Test
    void jsonThatCannotBeCutIntoRecordsEndsTheStreamAfterTheRecordsBeforeIt() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-stream-broken"), 1);
        String record = "{\"value\":{\"type\":\"STRING\",\"data\":\"%s\"}}";

        HttpResponse<String> answer = V3Client.stream(port, "/kafka" + V3Client.records(cluster, topic),
                (record.formatted("a") + record.formatted("b") + "{\"value\": nope} " + record.formatted("c"))
                        .getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(200, answer.statusCode());
        List<JsonNode> reports = V3Client.nodes(answer.body());
        assertEquals(3, reports.size(), answer.body());
        assertEquals(List.of(200, 200, 400), reports.stream().map(r -> r.path("error_code").asInt()).toList());
        assertEquals("urn:producer-gateway:problem:malformed-request", reports.get(2).path("type").asText());
        assertTrue(reports.get(2).path("message").asText().startsWith("Record 2 is not valid JSON"));
        assertEquals(List.of("a", "b"), kafka.readAll(topic).stream().map(r -> text(r.value())).toList());
    }

    @Test
    void anEmptyStreamIsAnsweredWithNoReport() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-stream-empty"), 1);

        HttpResponse<String> answer = V3Client.stream(port, V3Client.records(cluster, topic), " \n ".getBytes(),
                Map.of());

        assertEquals(200, answer.statusCode());
        assertEquals("", answer.body());
    }

    @Test
    void aStreamToAnotherClusterIsRefusedBeforeItOpens() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-stream-cluster"), 1);

        HttpResponse<String> answer = V3Client.stream(port, V3Client.records("elsewhere", topic),
                "{\"value\":{\"type\":\"JSON\",\"data\":1}}".getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(404, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(answer.body().contains("urn:producer-gateway:problem:unknown-cluster"), answer.body());
        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void xDeliveryIsHonouredOnAStreamAndAnUnknownOneRefusesIt() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-stream-delivery"), 1);
        byte[] body = "{\"value\":{\"type\":\"JSON\",\"data\":1}}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> fast = V3Client.stream(port, V3Client.records(cluster, topic), body,
                Map.of("X-Delivery", "fire-and-forget"));
        HttpResponse<String> unknown = V3Client.stream(port, V3Client.records(cluster, topic), body,
                Map.of("X-Delivery", "whenever"));

        assertEquals(200, fast.statusCode());
        assertEquals(-1, V3Client.nodes(fast.body()).get(0).path("offset").asLong(), fast.body());
        assertEquals(422, unknown.statusCode(), unknown.body());
        assertEquals(1, kafka.awaitRecords(topic, 1).size());
    }
}
