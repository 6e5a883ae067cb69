package io.producergateway.delivery;

import static io.producergateway.testing.Records.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.ingest.EventReader;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A record that cannot be written: refused up front when the gateway can tell, dead-lettered after a 202 otherwise. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class DeadLetterTest {

    private static final String DEAD_LETTERS = "producer-gateway-dead-letters";

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void recordLargerThanTheTopicAllowsIs413AndItsBatchIsNotWritten() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("too-large"), 1,
                Map.of("max.message.bytes", "1000"));

        given().contentType("application/json").body("{\"value\":\"" + "x".repeat(3000) + "\"}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:record-too-large"));
        given().contentType("application/json").header("Prefer", "respond-async")
                .body("[{\"value\":\"small\"},{\"value\":\"" + "x".repeat(3000) + "\"}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(413).body("errors[0].index", equalTo(1));

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void asyncEventRefusedAfter202GoesToTheDeadLetterTopicWithTheReason() {
        kafka.ensureTopic(DEAD_LETTERS, 1);
        // A compacted topic's broker refuses a record without a key (InvalidRecordException): Kafka's own refusal,
        // which comes after the 202.
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("refused-async"), 1,
                Map.of("cleanup.policy", "compact"));
        String id = "dl-" + topic;
        String value = "{\"keyless\":true}";

        given().contentType("application/json").header("Prefer", "respond-async")
                .body("{\"id\":\"" + id + "\",\"value\":" + value
                        + ",\"timestamp\":1000,\"headers\":{\"origin\":\"test\"}}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(202).body("id", equalTo(id));

        ConsumerRecord<byte[], byte[]> dead = Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> find(kafka.readAll(DEAD_LETTERS), id), r -> r != null);
        assertEquals(value, new String(dead.value(), StandardCharsets.UTF_8));
        assertNull(dead.key(), "the dead letter keeps the event's key: none");
        assertEquals("test", header(dead, "origin"));
        assertEquals(topic, header(dead, DeadLetters.HEADER_TOPIC));
        assertEquals("urn:producer-gateway:problem:delivery-failed", header(dead, DeadLetters.HEADER_REASON));
        assertEquals(1000L, dead.timestamp(), "the dead letter keeps the event time");
        assertTrue(header(dead, DeadLetters.HEADER_ERROR).length() > 0);
        assertEquals(0, kafka.readAll(topic).size());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_events_total{")
                && l.contains("outcome=\"dead-lettered\"") && l.contains("reason=\"delivery-failed\"")
                && !l.endsWith(" 0.0")), "dead-lettered events are counted");
    }

    private static ConsumerRecord<byte[], byte[]> find(List<ConsumerRecord<byte[], byte[]>> records, String id) {
        return records.stream().filter(r -> id.equals(header(r, EventReader.ID_HEADER))).findFirst().orElse(null);
    }
}
