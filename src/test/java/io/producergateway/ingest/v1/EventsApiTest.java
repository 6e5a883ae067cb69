package io.producergateway.ingest.v1;

import static io.producergateway.testing.Records.header;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.producergateway.ingest.EventReader;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(SharedKafka.class)
class EventsApiTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void singleEventIsAnsweredWithTheOffsetKafkaStoredItAt() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("events-single"), 3);

        JsonPath answer = given().contentType(ContentType.JSON)
                .body("""
                        {"id":"order-1","key":"customer-7","value":{"total":12.5,"items":["a","b"]},
                         "headers":{"source":"checkout","trace":"t-1"},"timestamp":1700000000123}""")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("id", equalTo("order-1"), "topic", equalTo(topic), "timestamp", equalTo(1700000000123L),
                        "partitionReason", equalTo("key-hash"))
                .extract().jsonPath();

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(1, records.size());
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertEquals(answer.getInt("partition"), record.partition());
        assertEquals(answer.getLong("offset"), record.offset());
        assertEquals("customer-7", text(record.key()));
        assertEquals("{\"total\":12.5,\"items\":[\"a\",\"b\"]}", text(record.value()));
        assertEquals(1700000000123L, record.timestamp());
        assertEquals("checkout", header(record, "source"));
        assertEquals("t-1", header(record, "trace"));
        assertEquals("order-1", header(record, EventReader.ID_HEADER));
    }

    @Test
    void arrayKeepsRequestOrderAndHonoursTheExplicitPartition() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("events-array"), 4);

        given().contentType(ContentType.JSON)
                .body("""
                        [{"id":"a","value":1,"partition":2},{"id":"b","value":"two","partition":2},
                         {"id":"c","value":[3],"partition":2}]""")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200)
                .body("$", hasSize(3), "id", equalTo(List.of("a", "b", "c")), "partition", equalTo(List.of(2, 2, 2)),
                        "offset", equalTo(List.of(0, 1, 2)), "partitionReason[0]", equalTo("explicit"));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(3, records.size());
        assertEquals(List.of("1", "\"two\"", "[3]"), records.stream().map(r -> text(r.value())).toList());
        records.forEach(r -> assertEquals(2, r.partition()));
        records.forEach(r -> assertNull(r.key()));
    }

    @Test
    void eventWithoutTimestampGetsTheIngestTime() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("events-ingest-time"), 1);
        long before = System.currentTimeMillis();

        long answered = given().contentType(ContentType.JSON).body("{\"value\":{\"n\":1}}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).extract().jsonPath().getLong("timestamp");

        long after = System.currentTimeMillis();
        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        assertEquals(answered, record.timestamp());
        assertTrue(record.timestamp() >= before && record.timestamp() <= after,
                "ingest time " + record.timestamp() + " not within [" + before + ", " + after + "]");
        assertTrue(header(record, EventReader.ID_HEADER).length() > 0, "a generated event id");
    }

    @Test
    void nullValueWritesATombstone() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("events-tombstone"), 1);

        given().contentType(ContentType.JSON).body("{\"key\":\"gone\",\"value\":null}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).body("offset", equalTo(0));

        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        assertArrayEquals("gone".getBytes(StandardCharsets.UTF_8), record.key());
        assertNull(record.value());
    }

    @Test
    void preferRespondAsyncAnswers202AndTheEventArrives() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("events-async"), 2);

        given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body("[{\"id\":\"x1\",\"value\":1},{\"id\":\"x2\",\"value\":2}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(202).header("Preference-Applied", "respond-async")
                .body("id", equalTo(List.of("x1", "x2")), "offset", equalTo(java.util.Arrays.asList(null, null)));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecords(topic, 2);
        assertEquals(List.of("x1", "x2"), records.stream().map(r -> header(r, EventReader.ID_HEADER)).sorted().toList());
    }
}
