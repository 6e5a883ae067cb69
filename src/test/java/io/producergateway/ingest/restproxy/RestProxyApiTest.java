package io.producergateway.ingest.restproxy;

import static io.producergateway.testing.Records.header;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The REST Proxy v2 produce shape, as Confluent REST Proxy, the Strimzi bridge and Redpanda's proxy accept it. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class RestProxyApiTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void jsonRecordsAreStoredAsTheirJsonTextAndAnsweredWithRealOffsets() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-json"), 3);
        String h1 = Base64.getEncoder().encodeToString("v1".getBytes());

        JsonPath answer = given().contentType(MediaTypes.JSON_V2)
                .body("""
                        {"records":[
                          {"key":"user-1","value":{"clicks":3},"partition":1,
                           "headers":[{"key":"h1","value":"%s"}],"timestamp":1690000000000},
                          {"value":[1,2,3],"partition":1},
                          {"key":{"composite":true},"value":"plain","partition":0}
                        ]}""".formatted(h1))
                .post("/topics/{topic}", topic)
                .then().statusCode(200).contentType("application/vnd.kafka.v2+json")
                .body("offsets", hasSize(3), "offsets.partition", equalTo(List.of(1, 1, 0)),
                        "offsets.offset", equalTo(List.of(0, 1, 0)), "offsets[0].error_code", nullValue(),
                        "offsets[0].error", nullValue(), "key_schema_id", nullValue())
                .extract().jsonPath();

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(3, records.size());
        ConsumerRecord<byte[], byte[]> composite = records.get(0);
        assertEquals(answer.getInt("offsets[2].partition"), composite.partition());
        assertEquals("{\"composite\":true}", text(composite.key()));
        assertEquals("\"plain\"", text(composite.value()));
        ConsumerRecord<byte[], byte[]> first = records.get(1);
        assertEquals("\"user-1\"", text(first.key()));
        assertEquals("{\"clicks\":3}", text(first.value()));
        assertEquals("v1", header(first, "h1"));
        assertEquals(1690000000000L, first.timestamp());
        assertEquals("[1,2,3]", text(records.get(2).value()));
    }

    @Test
    void binaryRecordsAreStoredAsTheDecodedBytes() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-binary"), 1);
        byte[] key = { 0, 1, 2, (byte) 0xff };
        byte[] value = { (byte) 0xca, (byte) 0xfe, 0 };

        given().contentType(MediaTypes.BINARY_V2)
                .body("{\"records\":[{\"key\":\"%s\",\"value\":\"%s\"}]}".formatted(
                        Base64.getEncoder().encodeToString(key), Base64.getEncoder().encodeToString(value)))
                .post("/topics/{topic}", topic)
                .then().statusCode(200).body("offsets[0].partition", equalTo(0), "offsets[0].offset", equalTo(0));

        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        assertArrayEquals(key, record.key());
        assertArrayEquals(value, record.value());
    }

    @Test
    void asyncQueryAnswers202AndTheRecordsArrive() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-async"), 1);

        given().contentType(MediaTypes.JSON_V2).queryParam("async", true)
                .body("{\"records\":[{\"value\":1},{\"value\":2}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(202).body("offsets.partition", equalTo(List.of(0, 0)),
                        "offsets.offset", equalTo(java.util.Arrays.asList(null, null)));

        assertEquals(List.of("1", "2"), kafka.awaitRecords(topic, 2).stream().map(r -> text(r.value())).toList());
    }
}
