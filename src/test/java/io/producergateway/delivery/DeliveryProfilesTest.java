package io.producergateway.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/** X-Delivery picks a producer with its own acks: durable (all), leader (1), fire-and-forget (0). */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class DeliveryProfilesTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @Inject
    KafkaClientService clients;

    @Test
    void eachProfileProducesWithItsOwnAcks() {
        // The leader and fire-and-forget producers are created by their first request (lazy-client).
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("profiles-acks"), 1);
        for (String profile : List.of("durable", "leader", "fire-and-forget")) {
            given().contentType("application/json").header("X-Delivery", profile).body("{\"value\":1}")
                    .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        }
        assertEquals("all", acks(Channels.EVENTS));
        assertEquals("1", acks(Channels.LEADER));
        assertEquals("0", acks(Channels.FIRE_AND_FORGET));
        assertEquals("true", String.valueOf(clients.getProducer(Channels.EVENTS).configuration().get("enable.idempotence")));
    }

    @Test
    void durableAndLeaderAnswerRealOffsetsFireAndForgetAnswersMinusOne() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("profiles"), 1);

        given().contentType("application/json").body("{\"value\":\"durable\"}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200).body("offset", equalTo(0));
        given().contentType("application/json").header("X-Delivery", "durable").body("{\"value\":\"durable2\"}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200).body("offset", equalTo(1));
        given().contentType("application/json").header("X-Delivery", "leader").body("{\"value\":\"leader\"}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200).body("offset", greaterThanOrEqualTo(2));
        given().contentType("application/json").header("X-Delivery", "fire-and-forget").body("{\"value\":\"ff\"}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200).body("offset", equalTo(-1));
        given().contentType(MediaTypes.JSON_V2).header("X-Delivery", "fire-and-forget")
                .body("{\"records\":[{\"value\":\"ff2\"}]}")
                .post("/topics/{topic}", topic).then().statusCode(200).body("offsets[0].offset", equalTo(-1));

        List<String> values = kafka.awaitRecords(topic, 5).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("\"durable\"", "\"durable2\"", "\"leader\"", "\"ff\"", "\"ff2\""), values);
    }

    @Test
    void unknownProfileIs422() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("profiles-bad"), 1);
        given().contentType("application/json").header("X-Delivery", "eventually").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:invalid-field"));
        assertEquals(0, kafka.readAll(topic).size());
    }

    private String acks(String channel) {
        return String.valueOf(clients.getProducer(channel).configuration().get("acks"));
    }
}
