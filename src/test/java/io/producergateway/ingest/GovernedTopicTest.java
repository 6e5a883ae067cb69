package io.producergateway.ingest;

import static io.producergateway.testing.TestSchemas.quoted;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.SharedSchemaRegistry;
import io.producergateway.testing.TestSchemas;
import io.producergateway.testing.WireFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A governed topic (gateway.schemas.topics."&lt;topic&gt;".value=latest): every value is validated against the
 * subject's latest schema and written with it, whatever API or content type the caller picks; what the gateway cannot
 * write with it is refused, so no caller can bypass the contract.
 */
@QuarkusTest
@TestProfile(GovernedTopicTest.Governed.class)
@WithTestResource(SharedKafka.class)
@WithTestResource(SharedSchemaRegistry.class)
class GovernedTopicTest {

    static final String TOPIC = "governed-orders";
    private static final String URN = "urn:producer-gateway:problem:";

    public static class Governed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.schemas.topics.\"" + TOPIC + "\".value", "latest");
        }
    }

    private final KafkaTestClient kafka = SharedKafka.client();
    private static int schemaId;

    @BeforeAll
    static void topicAndSubject() {
        SharedKafka.client().ensureTopic(TOPIC, 1);
        schemaId = TestSchemas.registerAvro(TOPIC + "-value", TestSchemas.ORDER);
    }

    @Test
    void everyApiWritesTheTopicsValuesWithItsSchemaAndRefusesWhatDoesNotMatch() {
        int before = kafka.readAll(TOPIC).size();
        String clusterId = given().get("/v3/clusters").then().statusCode(200).extract().path("data[0].cluster_id");

        given().contentType("application/json").body("{\"id\":\"g-1\",\"value\":{\"id\":\"o-1\",\"total\":1}}")
                .post("/v1/topics/{topic}/events", TOPIC).then().statusCode(200);
        given().contentType(MediaTypes.JSON_V2).body("{\"records\":[{\"value\":{\"id\":\"o-2\",\"total\":2}}]}")
                .post("/topics/{topic}", TOPIC).then().statusCode(200).body("value_schema_id", equalTo(schemaId));
        given().contentType("application/json").body("{\"value\":{\"type\":\"JSON\",\"data\":{\"id\":\"o-3\","
                + "\"total\":3}}}").post("/v3/clusters/{c}/topics/{t}/records", clusterId, TOPIC)
                .then().statusCode(200).body("value.schema_id", equalTo(schemaId));
        given().contentType(MediaTypes.AVRO_V2).body("{\"value_schema\":" + quoted(TestSchemas.ORDER)
                + ",\"records\":[{\"value\":{\"id\":\"o-4\",\"total\":4}}]}")
                .post("/topics/{topic}", TOPIC).then().statusCode(200);

        given().contentType("application/json").body("{\"value\":{\"id\":\"o-5\"}}")
                .post("/v1/topics/{topic}/events", TOPIC).then().statusCode(422)
                .body("type", equalTo(URN + "schema-mismatch"), "errors[0].field", equalTo("value.total"));
        given().contentType(MediaTypes.BINARY_V2).body("{\"records\":[{\"value\":\"AAEC\"}]}")
                .post("/topics/{topic}", TOPIC).then().statusCode(422).body("type", equalTo(URN + "schema-required"));
        given().contentType("application/json").body("{\"value\":{\"type\":\"STRING\",\"data\":\"raw\"}}")
                .post("/v3/clusters/{c}/topics/{t}/records", clusterId, TOPIC)
                .then().statusCode(422).body("type", equalTo(URN + "schema-required"));
        // CloudEvents are written as they came, under their content-type, so a governed topic takes none
        given().contentType("application/cloudevents+json").body("{\"specversion\":\"1.0\",\"id\":\"ce-1\","
                + "\"source\":\"/shop\",\"type\":\"order\",\"data\":{\"id\":\"o-6\",\"total\":6}}")
                .post("/v1/topics/{topic}/cloudevents", TOPIC).then().statusCode(422)
                .body("type", equalTo(URN + "schema-required"));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(TOPIC);
        assertEquals(before + 4, records.size(), "the four valid values, and nothing of the refused ones");
        for (int i = 0; i < 4; i++) {
            WireFormat value = WireFormat.of(records.get(before + i).value());
            assertEquals(schemaId, value.schemaId());
            GenericRecord order = value.avro();
            assertEquals("o-" + (i + 1), order.get("id").toString());
        }
    }
}
