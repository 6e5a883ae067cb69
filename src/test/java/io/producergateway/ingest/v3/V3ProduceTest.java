package io.producergateway.ingest.v3;

import static io.producergateway.testing.Records.header;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * REST Proxy v3's produce shapes against the real broker, each record read back: the bytes stored for each type,
 * headers, partition and offset are what the delivery report said.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class V3ProduceTest {

    private final KafkaTestClient kafka = SharedKafka.client();
    private final String cluster = V3Client.clusterId(kafka);

    @Test
    void binaryKeyJsonValueAndHeadersAreStoredAsSentWhereTheReportSays() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-binary"), 3);
        byte[] key = { 0, 1, 2, (byte) 0xff };
        byte[] h1 = { (byte) 0xca, (byte) 0xfe };

        JsonPath report = given().contentType("application/json").body("""
                {"partition_id": 2, "headers": [{"name": "h1", "value": "%s"}, {"name": "h2", "value": null},
                 {"name": "h1", "value": "%s"}],
                 "key": {"type": "BINARY", "data": "%s"}, "value": {"type": "JSON", "data": {"n": [1, 2.50, "é"]}},
                 "timestamp": "2024-05-06T07:08:09.123Z"}""".formatted(b64(h1), b64("again".getBytes()), b64(key)))
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).contentType("application/json")
                .body("error_code", equalTo(200), "cluster_id", equalTo(cluster), "topic_name", equalTo(topic),
                        "partition_id", equalTo(2), "offset", equalTo(0), "timestamp",
                        equalTo("2024-05-06T07:08:09.123Z"), "key.type", equalTo("BINARY"), "key.size", equalTo(4),
                        "value.type", equalTo("JSON"), "value.size", equalTo(19), "message", nullValue())
                .extract().jsonPath();

        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        assertEquals(report.getInt("partition_id"), record.partition());
        assertEquals(report.getLong("offset"), record.offset());
        assertArrayEquals(key, record.key());
        assertEquals("{\"n\":[1,2.50,\"é\"]}", text(record.value()));
        assertEquals(19, record.value().length, "é is two bytes");
        assertEquals(Instant.parse("2024-05-06T07:08:09.123Z").toEpochMilli(), record.timestamp());
        Header[] headers = record.headers().toArray();
        assertEquals(3, headers.length, "headers in order, a name may repeat");
        assertEquals("h1", headers[0].key());
        assertArrayEquals(h1, headers[0].value());
        assertEquals("h2", headers[1].key());
        assertNull(headers[1].value());
        assertEquals("again", header(record, "h1"));
    }

    @Test
    void stringAndJsonTypesAreStoredAsUtf8AndAsJsonText() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-string"), 1);

        given().contentType("application/json")
                .body("{\"key\":{\"type\":\"STRING\",\"data\":\"user-ü\"},\"value\":{\"type\":\"STRING\",\"data\":\"plain\"}}")
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).body("key.type", equalTo("STRING"), "key.size", equalTo(7),
                        "value.size", equalTo(5), "offset", equalTo(0));
        given().contentType("application/json")
                .body("{\"key\":{\"type\":\"json\",\"data\":\"user-1\"},\"value\":{\"type\":\"JSON\",\"data\":\"plain\"}}")
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).body("key.type", equalTo("JSON"), "key.size", equalTo(8),
                        "value.size", equalTo(7), "offset", equalTo(1));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals("user-ü", text(records.get(0).key()));
        assertEquals("plain", text(records.get(0).value()));
        assertEquals("\"user-1\"", text(records.get(1).key()), "a JSON string is stored with its quotes");
        assertEquals("\"plain\"", text(records.get(1).value()));
        assertEquals(0, records.get(0).headers().toArray().length, "no header the caller did not send");
    }

    @Test
    void anAbsentValueOrNullDataIsATombstoneAndAnAbsentKeyIsNull() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-tombstone"), 1);

        given().contentType("application/json").body("{\"key\":{\"type\":\"JSON\",\"data\":1000}}")
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).body("key.type", equalTo("JSON"), "key.size", equalTo(4), "value", nullValue());
        given().contentType("application/json")
                .body("{\"key\":{\"type\":\"STRING\",\"data\":null},\"value\":{\"type\":\"BINARY\"}}")
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).body("key.type", equalTo("STRING"), "key.size", equalTo(0),
                        "value.type", equalTo("BINARY"), "value.size", equalTo(0));
        given().contentType("application/json").body("{\"key\":null,\"value\":{\"type\":\"STRING\",\"data\":\"\"}}")
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).body("key", nullValue(), "value.size", equalTo(0));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals("1000", text(records.get(0).key()));
        assertNull(records.get(0).value(), "a key without value is a tombstone");
        assertNull(records.get(1).key());
        assertNull(records.get(1).value());
        assertNull(records.get(2).key());
        assertArrayEquals(new byte[0], records.get(2).value(), "an empty string is an empty value, not a tombstone");
    }

    @Test
    void confluentCloudsPathServesTheSameOperation() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-cloud"), 1);

        given().contentType("application/json").body("{\"value\":{\"type\":\"STRING\",\"data\":\"cloud\"}}")
                .post("/kafka" + V3Client.records(cluster, topic))
                .then().statusCode(200).body("topic_name", equalTo(topic), "offset", equalTo(0));

        assertEquals("cloud", text(kafka.readAll(topic).get(0).value()));
    }

    @Test
    void severalConcatenatedRecordsAreEachProducedAndAnsweredInOrderWith200() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-several"), 2);

        String answer = given().contentType("application/json").body("""
                {"partition_id": 1, "value": {"type": "STRING", "data": "a"}}{"value": {"type": "AVRO", "data": 1}}
                {"partition_id": 0, "value": {"type": "STRING", "data": "c"}}
                {"partition_id": 9, "value": {"type": "STRING", "data": "d"}} {"partition_id": 1,
                "value": {"type": "STRING", "data": "e"}}""")
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).contentType("application/json").extract().asString();

        List<JsonPath> reports = V3Client.reports(answer);
        assertEquals(5, reports.size(), answer);
        // partition 9 of 2: REST Proxy's 40402 (partition not found), with our status 422
        assertEquals(List.of(200, 422, 200, 40402, 200), reports.stream().map(r -> r.getInt("error_code")).toList());
        assertEquals("urn:producer-gateway:problem:schema-not-supported", reports.get(1).getString("type"));
        assertEquals("urn:producer-gateway:problem:partition-out-of-range", reports.get(3).getString("type"));
        assertEquals(List.of(1, 0, 1), List.of(reports.get(0).getInt("partition_id"),
                reports.get(2).getInt("partition_id"), reports.get(4).getInt("partition_id")));
        assertEquals(List.of(0, 0, 1), List.of(reports.get(0).getInt("offset"), reports.get(2).getInt("offset"),
                reports.get(4).getInt("offset")));
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(List.of("c", "a", "e"), records.stream().map(r -> text(r.value())).toList());
    }

    @Test
    void xDeliveryAndXPriorityAreHonoured() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-delivery"), 4);

        given().contentType("application/json").header("X-Delivery", "fire-and-forget")
                .body("{\"value\":{\"type\":\"STRING\",\"data\":\"fast\"}}").post(V3Client.records(cluster, topic))
                .then().statusCode(200).body("offset", equalTo(-1));
        given().contentType("application/json").header("X-Delivery", "leader")
                .body("{\"partition_id\":3,\"value\":{\"type\":\"STRING\",\"data\":\"led\"}}")
                .post(V3Client.records(cluster, topic))
                .then().statusCode(200).body("partition_id", equalTo(3), "offset", equalTo(0));
        given().contentType("application/json").header("X-Delivery", "eventually")
                .body("{\"value\":{\"type\":\"STRING\",\"data\":\"x\"}}").post(V3Client.records(cluster, topic))
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:invalid-field"));
        given().contentType("application/json").header("X-Priority", "no-such-level")
                .body("{\"value\":{\"type\":\"STRING\",\"data\":\"x\"}}").post(V3Client.records(cluster, topic))
                .then().statusCode(422).contentType("application/json").body("error_code", equalTo(422));

        List<String> values = kafka.awaitRecords(topic, 2).stream().map(r -> text(r.value())).sorted().toList();
        assertEquals(List.of("fast", "led"), values);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
