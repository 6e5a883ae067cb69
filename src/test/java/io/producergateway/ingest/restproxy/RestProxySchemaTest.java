package io.producergateway.ingest.restproxy;

import static io.producergateway.testing.TestSchemas.quoted;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.google.protobuf.UnknownFieldSet;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.SharedSchemaRegistry;
import io.producergateway.testing.TestSchemas;
import io.producergateway.testing.WireFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * REST Proxy v2's schema formats against a real schema registry: what REST Proxy clients send, and what a Confluent
 * deserializer reads back from Kafka.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@WithTestResource(SharedSchemaRegistry.class)
class RestProxySchemaTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String URN = "urn:producer-gateway:problem:";

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void avroValuesAreRegisteredUnderTheTopicsValueSubjectAndWrittenInTheWireFormat() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-avro"), 1);

        int id = given().contentType(MediaTypes.AVRO_V2)
                .body("""
                        {"key_schema":"\\"string\\"","value_schema":%s,"records":[
                          {"key":"k-1","value":{"id":"o-1","total":12.5,"note":{"string":"rush"}}},
                          {"value":{"id":"o-2","total":3,"note":null}}
                        ]}""".formatted(quoted(TestSchemas.ORDER)))
                .post("/topics/{topic}", topic)
                .then().statusCode(200).contentType(MediaTypes.V2)
                .body("offsets", hasSize(2), "offsets.offset", equalTo(List.of(0, 1)))
                .extract().path("value_schema_id");

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(2, records.size());
        WireFormat first = WireFormat.of(records.get(0).value());
        assertEquals(id, first.schemaId(), "the answer's value_schema_id is the record's");
        GenericRecord order = first.avro();
        assertEquals("o-1", order.get("id").toString());
        assertEquals(12.5, order.get("total"));
        assertEquals("rush", order.get("note").toString());
        GenericRecord second = WireFormat.of(records.get(1).value()).avro();
        assertEquals(3.0, second.get("total"));
        assertNull(second.get("note"));
        WireFormat key = WireFormat.of(records.get(0).key());
        assertEquals("\"string\"", key.registeredSchema());
        assertNull(records.get(1).key(), "a record without key has none");
        assertEquals(id, (int) given().baseUri(SharedSchemaRegistry.server().confluentUrl())
                .get("/subjects/{subject}/versions/latest", topic + "-value").then().statusCode(200)
                .extract().path("id"), "registered under <topic>-value");

        given().contentType(MediaTypes.AVRO_V2)
                .body("{\"value_schema_id\":" + id + ",\"records\":[{\"value\":{\"id\":\"o-3\",\"total\":1.5}}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(200).body("value_schema_id", equalTo(id), "key_schema_id", nullValue());
        assertEquals("o-3", WireFormat.of(kafka.readAll(topic).get(2).value()).avro().get("id").toString());
    }

    @Test
    void aRecordThatDoesNotMatchItsAvroSchemaIs422NamingTheRecordAndTheFieldAndNothingIsWritten() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-avro-bad"), 1);

        given().contentType(MediaTypes.AVRO_V2)
                .body("""
                        {"value_schema":%s,"records":[
                          {"value":{"id":"o-1","total":1}},
                          {"value":{"id":"o-2","total":"twelve"}},
                          {"value":{"total":2}}
                        ]}""".formatted(quoted(TestSchemas.ORDER)))
                .post("/topics/{topic}", topic)
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(URN + "schema-mismatch"), "errors.index", equalTo(List.of(1, 2)),
                        "errors.field", equalTo(List.of("value.total", "value.id")));

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void keysWithoutAKeySchemaAndUnknownSchemaIdsAndBadSchemaTextsAre422() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-avro-refused"), 1);

        given().contentType(MediaTypes.AVRO_V2)
                .body("{\"value_schema\":" + quoted(TestSchemas.ORDER) + ",\"records\":[{\"key\":\"k\",\"value\":"
                        + "{\"id\":\"o\",\"total\":1}}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(URN + "schema-required"), "errors[0].field", equalTo("key"));
        given().contentType(MediaTypes.AVRO_V2).accept(MediaTypes.V2)
                .body("{\"value_schema_id\":987654,\"records\":[{\"value\":{\"id\":\"o\",\"total\":1}}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(422).body("error_code", equalTo(40403));
        given().contentType(MediaTypes.AVRO_V2)
                .body("{\"value_schema\":\"{\\\"type\\\":\\\"record\\\"}\",\"records\":[{\"value\":{}}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(URN + "invalid-schema"));

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void jsonSchemaValuesAreValidatedAndWrittenAsTheirJsonAfterTheSchemaId() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-jsonschema"), 1);
        String schema = """
                {"$schema":"http://json-schema.org/draft-07/schema#","title":"Reading","type":"object",
                 "properties":{"sensor":{"type":"string"},"celsius":{"type":"number","minimum":-90}},
                 "required":["sensor","celsius"]}""";

        int id = given().contentType(MediaTypes.JSONSCHEMA_V2)
                .body("{\"value_schema\":" + quoted(schema) + ",\"records\":[{\"value\":{\"sensor\":\"s-1\","
                        + "\"celsius\":21.5}}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(200).extract().path("value_schema_id");
        WireFormat value = WireFormat.of(kafka.readAll(topic).get(0).value());
        assertEquals(id, value.schemaId());
        assertEquals("s-1", value.json().path("sensor").asText());
        assertEquals(21.5, value.json().path("celsius").asDouble());

        given().contentType(MediaTypes.JSONSCHEMA_V2)
                .body("{\"value_schema_id\":" + id + ",\"records\":[{\"value\":{\"sensor\":\"s-2\","
                        + "\"celsius\":-100}}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(422).body("type", equalTo(URN + "schema-mismatch"),
                        "errors[0].field", equalTo("value.celsius"));
        assertEquals(1, kafka.readAll(topic).size());
    }

    @Test
    void protobufValuesAreWrittenAsTheFirstMessageOfTheProtoWithItsMessageIndex() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-protobuf"), 1);
        String proto = """
                syntax = "proto3";
                package io.example;
                message Payment { string id = 1; int64 cents = 2; repeated string tags = 3; }
                message Other { bool flag = 1; }""";

        int id = given().contentType(MediaTypes.PROTOBUF_V2)
                .body("{\"value_schema\":" + quoted(proto) + ",\"records\":[{\"value\":{\"id\":\"p-1\","
                        + "\"cents\":1250,\"tags\":[\"a\",\"b\"]}}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(200).extract().path("value_schema_id");

        WireFormat value = WireFormat.of(kafka.readAll(topic).get(0).value());
        assertEquals(id, value.schemaId());
        UnknownFieldSet payment = value.protobufFirstMessage();
        assertEquals("p-1", payment.getField(1).getLengthDelimitedList().get(0).toStringUtf8());
        assertEquals(List.of(1250L), payment.getField(2).getVarintList());
        assertEquals(List.of("a", "b"), payment.getField(3).getLengthDelimitedList().stream()
                .map(b -> b.toStringUtf8()).toList());
    }
}
