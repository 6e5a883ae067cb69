package io.producergateway.ingest.metadata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The REST Proxy v2 metadata reads against the real broker (broker id 1), with topics each test creates: what a
 * REST Proxy client sees before it produces, and that reading never creates a topic. Lists: {@link MetadataGrantsTest}.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class V2MetadataApiTest {

    private static final int BROKER = 1;

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void aTopicIsDescribedWithItsPartitionsLeaderReplicasAndConfigs() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-described"), 3,
                Map.of("retention.ms", "3600000"));

        JsonPath described = given().accept(MediaTypes.V2).get("/topics/{topic}", topic)
                .then().statusCode(200).contentType(MediaTypes.V2)
                .body("name", equalTo(topic))
                .body("configs.'retention.ms'", equalTo("3600000"))
                .extract().jsonPath();
        assertEquals(List.of(0, 1, 2), described.getList("partitions.partition"));
        assertEquals(List.of(BROKER, BROKER, BROKER), described.getList("partitions.leader"));
        for (int p = 0; p < 3; p++) {
            assertEquals(List.of(Map.of("broker", BROKER, "leader", true, "in_sync", true)),
                    described.getList("partitions[" + p + "].replicas"));
        }
    }

    @Test
    void partitionsAreListedAndReadOneByOne() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-partitions"), 3);

        given().get("/topics/{topic}/partitions", topic).then().statusCode(200)
                .body("partition", equalTo(List.of(0, 1, 2))).body("leader", equalTo(List.of(1, 1, 1)))
                .body("replicas[2].broker", equalTo(List.of(BROKER)));
        given().get("/topics/{topic}/partitions/{p}", topic, 2).then().statusCode(200)
                .body("partition", equalTo(2)).body("leader", equalTo(BROKER))
                .body("replicas[0].in_sync", equalTo(true));
    }

    @Test
    void jsonIsAnsweredToClientsThatAskForIt() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-json"), 1);

        given().accept("application/json").get("/topics/{topic}", topic).then().statusCode(200)
                .contentType("application/json").body("name", equalTo(topic));
    }

    @Test
    void unknownTopicsAndPartitionsAre404ProblemsAndNothingIsCreated() {
        // The shared broker creates topics on first use (auto.create.topics.enable=true): reading must not.
        String missing = KafkaTestClient.uniqueTopic("v2-missing");
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-few"), 2);

        given().get("/topics/{topic}", missing).then().statusCode(404)
                .contentType(startsWith("application/")).body("type", equalTo(type("unknown-topic")));
        given().get("/topics/{topic}/partitions", missing).then().statusCode(404);
        given().get("/topics/{topic}/partitions/0", missing).then().statusCode(404);
        given().get("/topics/{topic}/partitions/{p}", topic, 2).then().statusCode(404)
                .body("type", equalTo(type("unknown-partition")));
        given().get("/topics/{topic}/partitions/{p}", topic, "x").then().statusCode(404)
                .body("type", equalTo(type("unknown-partition")));
        given().get("/topics/{topic}", "__consumer_offsets").then().statusCode(404)
                .body("type", equalTo(type("unknown-topic")));

        assertFalse(kafka.topicExists(missing), "reading a missing topic created it");
    }

    @Test
    void producingToTheSamePathStillWorks() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-produce"), 1);

        given().contentType(MediaTypes.JSON_V2).body("{\"records\":[{\"value\":1}]}").post("/topics/{topic}", topic)
                .then().statusCode(200).body("offsets[0].offset", equalTo(0));
        given().get("/topics/{topic}", topic).then().statusCode(200).body("name", equalTo(topic));
    }

    private static String type(String slug) {
        return "urn:producer-gateway:problem:" + slug;
    }
}
