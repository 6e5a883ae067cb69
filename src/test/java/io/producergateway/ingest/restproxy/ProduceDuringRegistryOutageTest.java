package io.producergateway.ingest.restproxy;

import static io.producergateway.testing.TestSchemas.quoted;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.IsolatedSchemaRegistry;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.TestSchemas;
import io.producergateway.testing.WireFormat;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * The schema registry stops while the gateway runs: schemas it already has keep producing, what needs the registry is
 * answered 503 with Retry-After within the registry timeout, readiness stays about Kafka, and once the registry is
 * back everything works again by itself.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@WithTestResource(value = IsolatedSchemaRegistry.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProduceDuringRegistryOutageTest {

    private static final String URN = "urn:producer-gateway:problem:";
    /** Longer than gateway.schema-registry.timeout (5 s): no answer within it would be a bug. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 20_000));

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void cachedSchemasKeepProducingWhileTheRegistryIsDownAndTheRestWaitsForItsReturn() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("registry-outage"), 1);
        int id = given().contentType(MediaTypes.AVRO_V2)
                .body("{\"value_schema\":" + quoted(TestSchemas.ORDER) + ",\"records\":[{\"value\":{\"id\":\"o-1\","
                        + "\"total\":1}}]}")
                .post("/topics/{topic}", topic).then().statusCode(200).extract().path("value_schema_id");
        given().get("/q/health/group/schema-registry").then().statusCode(200);

        IsolatedSchemaRegistry.server().stop();
        try {
            given().contentType(MediaTypes.AVRO_V2)
                    .body("{\"value_schema_id\":" + id + ",\"records\":[{\"value\":{\"id\":\"o-2\",\"total\":2}}]}")
                    .post("/topics/{topic}", topic).then().statusCode(200);
            given().config(BOUNDED).contentType(MediaTypes.AVRO_V2)
                    .body("{\"value_schema_id\":" + (id + 1000) + ",\"records\":[{\"value\":{\"id\":\"o-3\","
                            + "\"total\":3}}]}")
                    .post("/topics/{topic}", topic).then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo(URN + "schema-registry-unavailable"));
            given().config(BOUNDED).get("/q/health/group/schema-registry").then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            IsolatedSchemaRegistry.server().start();
        }

        given().config(BOUNDED).contentType(MediaTypes.AVRO_V2)
                .body("{\"value_schema_id\":" + (id + 1000) + ",\"records\":[{\"value\":{\"id\":\"o-3\","
                        + "\"total\":3}}]}")
                .post("/topics/{topic}", topic).then().statusCode(422).body("type", equalTo(URN + "unknown-schema"));
        given().config(BOUNDED).contentType(MediaTypes.AVRO_V2)
                .body("{\"value_schema\":" + quoted(TestSchemas.ORDER.replace("\"Order\"", "\"Refund\"")) + ","
                        + "\"records\":[{\"value\":{\"id\":\"r-1\",\"total\":4}}]}")
                .post("/topics/{topic}", topic).then().statusCode(200);
        given().get("/q/health/group/schema-registry").then().statusCode(200);

        assertEquals(3, kafka.readAll(topic).size());
        assertEquals(id, WireFormat.of(kafka.readAll(topic).get(1).value()).schemaId(), "written with the cached id");
    }
}
