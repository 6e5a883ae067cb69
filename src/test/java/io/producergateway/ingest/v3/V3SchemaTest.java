package io.producergateway.ingest.v3;

import static io.producergateway.testing.TestSchemas.quoted;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.SharedSchemaRegistry;
import io.producergateway.testing.TestSchemas;
import io.producergateway.testing.WireFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * REST Proxy v3's schema types against a real schema registry: a schema by text, by id, by version, the subject's
 * latest; one record that does not match fails alone; streamed records keep their order.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@WithTestResource(SharedSchemaRegistry.class)
class V3SchemaTest {

    private final KafkaTestClient kafka = SharedKafka.client();
    private final String cluster = V3Client.clusterId(kafka);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void avroRecordsNameTheirSchemaByTextByIdByVersionOrTheSubjectsLatest() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-avro"), 1);
        String byText = "{\"value\":{\"type\":\"AVRO\",\"schema\":" + quoted(TestSchemas.ORDER)
                + ",\"data\":{\"id\":\"o-1\",\"total\":1.5,\"note\":{\"string\":\"a\"}}}}";

        JsonPath first = JsonPath.from(given().contentType("application/json").body(byText)
                .post(V3Client.records(cluster, topic)).then().statusCode(200).extract().asString());
        int id = first.getInt("value.schema_id");
        assertEquals("AVRO", first.getString("value.type"));

        String more = "{\"value\":{\"type\":\"AVRO\",\"schema_id\":" + id + ",\"data\":{\"id\":\"o-2\",\"total\":2}}}"
                + "{\"value\":{\"type\":\"AVRO\",\"schema_version\":1,\"data\":{\"id\":\"o-3\",\"total\":3}}}"
                + "{\"value\":{\"type\":\"AVRO\",\"data\":{\"id\":\"o-4\",\"total\":4}}}"
                + "{\"value\":{\"type\":\"AVRO\",\"schema_id\":" + id + ",\"data\":{\"id\":\"o-5\",\"total\":\"x\"}}}"
                + "{\"key\":{\"type\":\"STRING\",\"data\":\"k\"},\"value\":{\"schema_id\":" + id + ",\"data\":"
                + "{\"id\":\"o-6\",\"total\":6}}}";
        List<JsonPath> reports = V3Client.reports(given().contentType("application/json").body(more)
                .post(V3Client.records(cluster, topic)).then().extract().asString());

        assertEquals(List.of(200, 200, 200, 422, 200), reports.stream().map(r -> r.getInt("error_code")).toList());
        assertEquals("urn:producer-gateway:problem:schema-mismatch", reports.get(3).getString("type"));
        assertEquals(List.of(id, id, id, id), List.of(reports.get(0).getInt("value.schema_id"),
                reports.get(1).getInt("value.schema_id"), reports.get(2).getInt("value.schema_id"),
                reports.get(4).getInt("value.schema_id")));
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(List.of("o-1", "o-2", "o-3", "o-4", "o-6"), records.stream()
                .map(r -> WireFormat.of(r.value()).avro().get("id").toString()).toList(),
                "written in request order, the mismatching record not at all");
        assertEquals("k", new String(records.get(4).key(), StandardCharsets.UTF_8));
    }

    @Test
    void jsonSchemaAndProtobufRecordsAreWrittenUnderTheirSubjects() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-json-proto"), 1);
        String jsonSchema = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                + "\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}";
        String proto = "syntax = \"proto3\"; message Tick { int32 n = 1; }";
        String body = "{\"key\":{\"type\":\"JSONSCHEMA\",\"subject\":\"" + topic + "-ticks-key\",\"schema\":"
                + quoted(jsonSchema) + ",\"data\":{\"n\":7}},\"value\":{\"type\":\"PROTOBUF\",\"schema\":"
                + quoted(proto) + ",\"data\":{\"n\":42}}}";

        JsonPath report = JsonPath.from(given().contentType("application/json").body(body)
                .post(V3Client.records(cluster, topic)).then().statusCode(200).extract().asString());

        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        WireFormat key = WireFormat.of(record.key());
        assertEquals(report.getInt("key.schema_id"), key.schemaId());
        assertEquals(7, key.json().path("n").asInt());
        WireFormat value = WireFormat.of(record.value());
        assertEquals(report.getInt("value.schema_id"), value.schemaId());
        assertEquals(List.of(42L), value.protobufFirstMessage().getField(1).getVarintList());
        assertEquals(key.schemaId(), (int) given().baseUri(SharedSchemaRegistry.server().confluentUrl())
                .get("/subjects/{s}/versions/latest", topic + "-ticks-key").then().statusCode(200)
                .extract().path("id"), "the key went under the subject the record named");
    }

    @Test
    void streamedAvroRecordsAreAnsweredAndWrittenInOrder() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-avro-stream"), 1);
        int id = TestSchemas.registerAvro(topic + "-value", TestSchemas.ORDER);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            body.append(i % 50 == 0 ? "{\"value\":{\"type\":\"AVRO\",\"schema\":" + quoted(TestSchemas.ORDER)
                    + ",\"data\":{\"id\":\"s-" + i + "\",\"total\":" + i + "}}}"
                    : "{\"value\":{\"type\":\"AVRO\",\"schema_id\":" + id + ",\"data\":{\"id\":\"s-" + i
                            + "\",\"total\":" + i + "}}}");
        }

        String answer = V3Client.stream(port, V3Client.records(cluster, topic),
                body.toString().getBytes(StandardCharsets.UTF_8), Map.of()).body();

        List<JsonPath> reports = V3Client.reports(answer);
        assertEquals(200, reports.size());
        assertEquals(List.of(200), reports.stream().map(r -> r.getInt("error_code")).distinct().toList());
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(200, records.size());
        for (int i = 0; i < 200; i++) {
            assertEquals((long) i, reports.get(i).getLong("offset"));
            assertEquals("s-" + i, WireFormat.of(records.get(i).value()).avro().get("id").toString());
        }
    }
}
