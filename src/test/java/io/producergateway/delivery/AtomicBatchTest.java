package io.producergateway.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** ?atomic=true writes every event of the batch in one transaction, or none a read_committed consumer can see. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class AtomicBatchTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void aValidBatchIsCommittedWhole() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("atomic-ok"), 3);

        JsonPath answer = given().contentType("application/json").queryParam("atomic", true)
                .body("[{\"id\":\"a\",\"key\":\"k1\",\"value\":1},{\"id\":\"b\",\"value\":2,\"partition\":2},"
                        + "{\"id\":\"c\",\"value\":3,\"partition\":2}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).body("id", equalTo(List.of("a", "b", "c"))).extract().jsonPath();

        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> committed = kafka.readAll(topic,
                IsolationLevel.READ_COMMITTED);
        assertEquals(3, committed.size());
        for (int i = 0; i < 3; i++) {
            int partition = answer.getInt("[" + i + "].partition");
            long offset = answer.getLong("[" + i + "].offset");
            assertTrue(committed.stream().anyMatch(r -> r.partition() == partition && r.offset() == offset),
                    "event " + i + " at " + partition + "/" + offset);
        }
    }

    @Test
    void aBatchKafkaRefusesInTheMiddleIsAbortedAndInvisible() {
        // The broker takes partition 0's records and refuses partition 1's: a compacted topic takes no record without
        // a key (InvalidRecordException), which only the broker says.
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("atomic-abort"), 2,
                Map.of("cleanup.policy", "compact"));

        given().contentType("application/json").queryParam("atomic", true)
                .body("[{\"key\":\"a\",\"value\":\"first\",\"partition\":0},{\"value\":\"keyless\",\"partition\":1},"
                        + "{\"key\":\"c\",\"value\":\"third\",\"partition\":0}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:delivery-failed"));

        assertEquals(0, kafka.readAll(topic, IsolationLevel.READ_COMMITTED).size(), "nothing of an aborted batch is visible");
        assertEquals(2, kafka.readAll(topic, IsolationLevel.READ_UNCOMMITTED).size(),
                "partition 0's records were written, then aborted");
        given().contentType("application/json").queryParam("atomic", true)
                .body("[{\"key\":\"d\",\"value\":\"after\"}]")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        assertEquals(List.of("\"after\""), kafka.readAll(topic, IsolationLevel.READ_COMMITTED).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList(), "the producer is usable after an abort");
    }

    @Test
    void aBatchWithAnInvalidEventWritesNothing() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("atomic-invalid"), 2);

        given().contentType("application/json").queryParam("atomic", true)
                .body("[{\"value\":1},{\"value\":2,\"partition\":5}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:partition-out-of-range"));

        assertEquals(0, kafka.readAll(topic, IsolationLevel.READ_UNCOMMITTED).size());
    }

    @Test
    void atomicBatchesAreDurableAndSynchronous() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("atomic-options"), 1);
        given().contentType("application/json").queryParam("atomic", true).header("X-Delivery", "leader")
                .body("[{\"value\":1}]").post("/v1/topics/{topic}/events", topic).then().statusCode(422);
        given().contentType("application/json").queryParam("atomic", true).header("Prefer", "respond-async")
                .body("[{\"value\":1}]").post("/v1/topics/{topic}/events", topic).then().statusCode(422);
        assertEquals(0, kafka.readAll(topic, IsolationLevel.READ_UNCOMMITTED).size());
    }
}
