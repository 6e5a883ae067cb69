package io.producergateway.ingest.v3;

import static io.producergateway.testing.Records.header;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Confluent's own documented examples of REST Proxy v3's produce request (src/test/resources/v3/produce-examples.json,
 * from Confluent's OpenAPI document, unchanged) replayed verbatim, and the answers held against Confluent's
 * documented responses. The examples that need Schema Registry get a clear 422 schema-not-supported.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class V3ExamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode EXAMPLES = examples();

    private final KafkaTestClient kafka = SharedKafka.client();
    private final String cluster = V3Client.clusterId(kafka);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void binaryAndJsonIsStoredAsDocumentedAndAnsweredInTheDocumentedShape() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-example"), 2);

        JsonNode report = post(topic, "binary_and_json", 200);

        assertEquals(members(EXAMPLES.at("/responses/produce_record_success")), members(report),
                "the members of Confluent's produce_record_success");
        assertEquals(cluster, report.path("cluster_id").asText());
        assertEquals(topic, report.path("topic_name").asText());
        assertEquals(1, report.path("partition_id").asInt());
        assertEquals("2021-02-05T19:14:42Z", report.path("timestamp").asText());
        assertEquals("BINARY", report.at("/key/type").asText());
        assertEquals(6, report.at("/key/size").asInt(), "foobar");
        assertEquals("JSON", report.at("/value/type").asText());
        assertEquals(13, report.at("/value/size").asInt(), "{\"foo\":\"bar\"}");

        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        assertEquals(1, record.partition());
        assertEquals(report.path("offset").asLong(), record.offset());
        assertEquals("foobar", text(record.key()));
        assertEquals("{\"foo\":\"bar\"}", text(record.value()));
        assertEquals("Header-1", header(record, "Header-1"));
        assertEquals("Header-2", header(record, "Header-2"));
        assertEquals(Instant.parse("2021-02-05T19:14:42Z").toEpochMilli(), record.timestamp());
    }

    @Test
    void stringIsStoredAsItsUtf8BytesWithoutKey() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-example-string"), 1);

        JsonNode report = post(topic, "string", 200);

        assertTrue(report.path("key").isNull(), "no key: " + report);
        assertEquals("STRING", report.at("/value/type").asText());
        assertEquals(10, report.at("/value/size").asInt());
        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        assertNull(record.key());
        assertEquals("My message", text(record.value()));
        assertEquals(report.path("offset").asLong(), record.offset());
    }

    /**
     * Without a type, REST Proxy serializes a key or value with a schema from Schema Registry (empty_value and
     * latest_schema send {"data": 1000}); so does a schema member or a schema type. The gateway has no registry.
     */
    @ParameterizedTest
    @ValueSource(strings = { "binary_and_avro_with_subject_and_raw_schema", "schema_id_and_schema_version",
            "latest_schema", "null_and_empty_data", "empty_value" })
    void theExamplesThatNeedSchemaRegistryGetAClear422(String example) {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-example-schema"), 2);

        JsonNode report = post(topic, example, 422);

        assertEquals(422, report.path("error_code").asInt());
        assertEquals("urn:producer-gateway:problem:schema-not-supported", report.path("type").asText());
        assertTrue(report.path("message").asText().contains("Schema Registry"), report.toString());
        assertEquals(0, kafka.readAll(topic).size(), "nothing written");
    }

    @Test
    void badBinaryDataIsAnErrorReportWithConfluentsMembers() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-example-bad"), 1);

        JsonNode report = MAPPER.valueToTree(given().contentType("application/json")
                .body("{\"value\":{\"type\":\"BINARY\",\"data\":1}}").post(V3Client.records(cluster, topic))
                .then().statusCode(422).extract().as(Map.class));

        assertTrue(members(report).containsAll(members(EXAMPLES.at("/responses/produce_record_bad_binary_data"))),
                report.toString());
        assertEquals("urn:producer-gateway:problem:invalid-encoding", report.path("type").asText());
    }

    @Test
    void everyExampleStreamedInOneConnectionGetsItsReportInOrder() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-example-stream"), 2);
        List<String> names = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        EXAMPLES.path("requests").fields().forEachRemaining(example -> {
            names.add(example.getKey());
            body.append(example.getValue().toString());
        });

        HttpResponse<String> answer = V3Client.stream(port, V3Client.records(cluster, topic),
                body.toString().getBytes(StandardCharsets.UTF_8), Map.of());

        assertEquals(200, answer.statusCode());
        List<JsonNode> reports = V3Client.nodes(answer.body());
        assertEquals(names.size(), reports.size(), answer.body());
        for (int i = 0; i < names.size(); i++) {
            int expected = names.get(i).equals("binary_and_json") || names.get(i).equals("string") ? 200 : 422;
            assertEquals(expected, reports.get(i).path("error_code").asInt(), names.get(i) + ": " + reports.get(i));
        }
        assertEquals(2, kafka.readAll(topic).size());
    }

    private JsonNode post(String topic, String example, int status) {
        String body = EXAMPLES.path("requests").path(example).toString();
        return MAPPER.valueToTree(given().contentType("application/json").body(body)
                .post(V3Client.records(cluster, topic))
                .then().statusCode(status).contentType("application/json").extract().as(Map.class));
    }

    /** The member names of an object and of the objects it holds, as paths. */
    private static Set<String> members(JsonNode node) {
        Set<String> members = new TreeSet<>();
        node.fields().forEachRemaining(member -> {
            members.add(member.getKey());
            if (member.getValue().isObject()) {
                members(member.getValue()).forEach(inner -> members.add(member.getKey() + "." + inner));
            }
        });
        return members;
    }

    private static JsonNode examples() {
        try (InputStream in = V3ExamplesTest.class.getResourceAsStream("/v3/produce-examples.json")) {
            return MAPPER.readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException("No v3 examples", e);
        }
    }
}
