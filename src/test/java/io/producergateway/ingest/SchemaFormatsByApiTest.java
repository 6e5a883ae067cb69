package io.producergateway.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.protobuf.UnknownFieldSet;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.SharedSchemaRegistry;
import io.producergateway.testing.TestSchemas;
import io.producergateway.testing.WireFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every format, key and value, through every API: the schemas registered at the registry directly, the record sent by
 * their ids, and its key and value read back from Kafka by the format's own library with the schema the registry
 * serves for the id in the record.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@WithTestResource(SharedSchemaRegistry.class)
class SchemaFormatsByApiTest {

    private static final String JSON_DRAFT = "\"$schema\":\"http://json-schema.org/draft-07/schema#\",";

    private final KafkaTestClient kafka = SharedKafka.client();

    @ParameterizedTest(name = "{0} through {1}")
    @CsvSource({ "AVRO, v1", "AVRO, v2", "AVRO, v3", "JSON, v1", "JSON, v2", "JSON, v3", "PROTOBUF, v1",
            "PROTOBUF, v2", "PROTOBUF, v3" })
    void keysAndValuesAreWrittenInTheWireFormatAndReadBackByTheFormatsOwnLibrary(String format, String api)
            throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("formats-" + format.toLowerCase() + "-" + api),
                1);
        int keyId = TestSchemas.register(topic + "-key", format, keySchema(format));
        int valueId = TestSchemas.register(topic + "-value", format, valueSchema(format));
        String key = "{\"k\":\"customer-7\"}";
        String value = "{\"id\":\"o-1\",\"total\":12.5}";

        switch (api) {
            case "v1" -> given().contentType("application/json").body("{\"keySchemaId\":" + keyId + ",\"key\":" + key
                    + ",\"valueSchemaId\":" + valueId + ",\"value\":" + value + "}")
                    .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
            case "v2" -> given().contentType("application/vnd.kafka." + v2Format(format) + ".v2+json")
                    .body("{\"key_schema_id\":" + keyId + ",\"value_schema_id\":" + valueId + ",\"records\":[{\"key\":"
                            + key + ",\"value\":" + value + "}]}")
                    .post("/topics/{topic}", topic).then().statusCode(200);
            default -> given().contentType("application/json")
                    .body("{\"key\":{\"type\":\"" + v3Type(format) + "\",\"schema_id\":" + keyId + ",\"data\":" + key
                            + "},\"value\":{\"type\":\"" + v3Type(format) + "\",\"schema_id\":" + valueId
                            + ",\"data\":" + value + "}}")
                    .post("/v3/clusters/{c}/topics/{t}/records", clusterId(), topic).then().statusCode(200);
        }

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(1, records.size());
        WireFormat writtenKey = WireFormat.of(records.get(0).key());
        WireFormat writtenValue = WireFormat.of(records.get(0).value());
        assertEquals(List.of(keyId, valueId), List.of(writtenKey.schemaId(), writtenValue.schemaId()));
        switch (format) {
            case "AVRO" -> {
                assertEquals("customer-7", writtenKey.avro().get("k").toString());
                assertEquals("o-1", writtenValue.avro().get("id").toString());
                assertEquals(12.5, writtenValue.avro().get("total"));
            }
            case "JSON" -> {
                assertEquals("customer-7", writtenKey.json().path("k").asText());
                assertEquals("o-1", writtenValue.json().path("id").asText());
                assertEquals(12.5, writtenValue.json().path("total").asDouble());
            }
            default -> {
                assertEquals("customer-7", writtenKey.protobufFirstMessage().getField(1).getLengthDelimitedList()
                        .get(0).toStringUtf8());
                UnknownFieldSet message = writtenValue.protobufFirstMessage();
                assertEquals("o-1", message.getField(1).getLengthDelimitedList().get(0).toStringUtf8());
                assertEquals(12.5, Double.longBitsToDouble(message.getField(2).getFixed64List().get(0)));
            }
        }
    }

    private static String keySchema(String format) {
        return switch (format) {
            case "AVRO" -> "{\"type\":\"record\",\"name\":\"Key\",\"fields\":[{\"name\":\"k\",\"type\":\"string\"}]}";
            case "JSON" -> "{" + JSON_DRAFT + "\"type\":\"object\",\"properties\":{\"k\":{\"type\":\"string\"}},"
                    + "\"required\":[\"k\"]}";
            default -> "syntax = \"proto3\"; message Key { string k = 1; }";
        };
    }

    private static String valueSchema(String format) {
        return switch (format) {
            case "AVRO" -> "{\"type\":\"record\",\"name\":\"Value\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"total\",\"type\":\"double\"}]}";
            case "JSON" -> "{" + JSON_DRAFT + "\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
                    + "\"total\":{\"type\":\"number\"}},\"required\":[\"id\",\"total\"]}";
            default -> "syntax = \"proto3\"; message Value { string id = 1; double total = 2; }";
        };
    }

    private static String v2Format(String format) {
        return switch (format) {
            case "AVRO" -> "avro";
            case "JSON" -> "jsonschema";
            default -> "protobuf";
        };
    }

    private static String v3Type(String format) {
        return "JSON".equals(format) ? "JSONSCHEMA" : format;
    }

    private String clusterId() throws Exception {
        return kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
}
