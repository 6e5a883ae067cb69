package io.producergateway.ingest.v1;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.SharedSchemaRegistry;
import io.producergateway.testing.TestSchemas;
import io.producergateway.testing.WireFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Our v1 API with keySchemaId and valueSchemaId: JSON data written with a registered schema, batches and streams. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@WithTestResource(SharedSchemaRegistry.class)
class EventsSchemaTest {

    private static final String KEY = "{\"type\":\"record\",\"name\":\"CustomerKey\",\"fields\":[{\"name\":\"customer\","
            + "\"type\":\"long\"}]}";

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void eventsNamingSchemaIdsAreWrittenWithThoseSchemasNextToPlainOnes() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v1-schema"), 1);
        int valueId = TestSchemas.registerAvro(topic + "-value", TestSchemas.ORDER);
        int keyId = TestSchemas.registerAvro(topic + "-key", KEY);

        given().contentType("application/json")
                .body("[{\"id\":\"e-1\",\"keySchemaId\":" + keyId + ",\"key\":{\"customer\":7},\"valueSchemaId\":"
                        + valueId + ",\"value\":{\"id\":\"o-1\",\"total\":9.5,\"note\":null}},"
                        + "{\"id\":\"e-2\",\"key\":\"plain\",\"value\":{\"free\":\"json\"}}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).body("id", equalTo(List.of("e-1", "e-2")));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        WireFormat key = WireFormat.of(records.get(0).key());
        assertEquals(keyId, key.schemaId());
        assertEquals(7L, key.avro().get("customer"));
        GenericRecord order = WireFormat.of(records.get(0).value()).avro();
        assertEquals("o-1", order.get("id").toString());
        assertEquals("plain", new String(records.get(1).key(), StandardCharsets.UTF_8));
        assertEquals("{\"free\":\"json\"}", new String(records.get(1).value(), StandardCharsets.UTF_8));
    }

    @Test
    void aBatchWithOneEventThatDoesNotMatchIsRefusedWholeAndAnUnknownIdIs422() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v1-schema-bad"), 1);
        int valueId = TestSchemas.registerAvro(topic + "-value", TestSchemas.ORDER);

        given().contentType("application/json")
                .body("[{\"valueSchemaId\":" + valueId + ",\"value\":{\"id\":\"o-1\",\"total\":1}},"
                        + "{\"valueSchemaId\":" + valueId + ",\"value\":{\"id\":\"o-2\",\"total\":1,"
                        + "\"note\":{\"int\":3}}}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:schema-mismatch"),
                        "errors[0].index", equalTo(1), "errors[0].field", equalTo("value.note"));
        given().contentType("application/json")
                .body("{\"valueSchemaId\":876543,\"value\":{\"id\":\"o-1\",\"total\":1}}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:unknown-schema"));

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void streamedEventsNamingASchemaIdAreWrittenWithItInOrder() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v1-schema-stream"), 1);
        int valueId = TestSchemas.registerAvro(topic + "-value", TestSchemas.ORDER);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            lines.append(i % 2 == 0 ? "{\"id\":\"n-" + i + "\",\"valueSchemaId\":" + valueId + ",\"value\":{\"id\":\"o-"
                    + i + "\",\"total\":" + i + "}}\n" : "{\"id\":\"n-" + i + "\",\"value\":" + i + "}\n");
        }

        String answer = given().contentType("application/x-ndjson")
                .body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200).extract().asString();

        List<String> answered = answer.lines().toList();
        assertEquals(51, answered.size(), "one line per event and the summary: " + answer);
        assertTrue(answered.get(50).contains("\"acked\":50"), answered.get(50));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(50, records.size());
        for (int i = 0; i < 50; i++) {
            byte[] value = records.get(i).value();
            assertEquals(i % 2 == 0 ? "o-" + i : Integer.toString(i), i % 2 == 0
                    ? WireFormat.of(value).avro().get("id").toString() : new String(value, StandardCharsets.UTF_8));
        }
    }
}
