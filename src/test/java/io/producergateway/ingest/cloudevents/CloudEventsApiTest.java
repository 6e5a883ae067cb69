package io.producergateway.ingest.cloudevents;

import static io.producergateway.ingest.cloudevents.CloudEventsClient.batch;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.binary;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.event;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.json;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.path;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.post;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.request;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.structured;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.utf8;
import static io.producergateway.testing.Records.header;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code POST /v1/topics/{topic}/cloudevents} in the HTTP binding's three modes, read back from Kafka as the Kafka
 * binding's binary mode: headers, key, value bytes, partition, timestamp and count.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class CloudEventsApiTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void binaryModeWritesTheHeadersAsAttributesTheBodyAsValueAndThePartitionKeyAsKey() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-binary"), 4);
        Map<String, Object> attributes = event("order-1");
        attributes.put("time", "2024-05-01T12:00:00.123Z");
        attributes.put("subject", "caf%C3%A9%20au%20lait"); // percent-encoded, as the binding says
        attributes.put("partitionkey", "customer-7");
        attributes.put("comexampletrace", "\"t,1\""); // a quoted string, with a comma

        JsonPath answer = post(binary(attributes, "application/json", utf8("{\"total\":12.50}")), topic)
                .then().statusCode(200).contentType("application/json")
                .body("id", equalTo("order-1"), "topic", equalTo(topic), "partitionReason", equalTo("key-hash"),
                        "timestamp", equalTo(Instant.parse("2024-05-01T12:00:00.123Z").toEpochMilli()))
                .extract().jsonPath();

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(1, records.size());
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertEquals(answer.getInt("partition"), record.partition());
        assertEquals(answer.getLong("offset"), record.offset());
        assertEquals("customer-7", text(record.key()));
        assertEquals("{\"total\":12.50}", text(record.value()));
        assertEquals(Instant.parse("2024-05-01T12:00:00.123Z").toEpochMilli(), record.timestamp());
        assertEquals(Map.of("ce_specversion", "1.0", "ce_id", "order-1", "ce_source", "/shop/checkout",
                "ce_type", "com.example.order.placed", "ce_time", "2024-05-01T12:00:00.123Z",
                "ce_subject", "café au lait", "ce_partitionkey", "customer-7", "ce_comexampletrace", "t,1",
                "content-type", "application/json"), headers(record));
        // the partition key decides the partition as any key does
        int keyed = given().contentType("application/json").body("{\"key\":\"customer-7\",\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200).extract().path("partition");
        assertEquals(keyed, record.partition());
    }

    @Test
    void binaryModeWithoutBodyWritesARecordWithoutValue() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-binary-empty"), 1);
        // Without a body nor a Content-Type (RestAssured would add one): an event without data or datacontenttype.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path(topic)))
                .POST(HttpRequest.BodyPublishers.noBody());
        event("no-data").forEach((name, value) -> request.header("ce-" + name, value.toString()));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, answer.statusCode(), answer.body());

        ConsumerRecord<byte[], byte[]> record = kafka.readAll(topic).get(0);
        assertNull(record.value());
        assertNull(record.key());
        assertNull(header(record, "content-type"));
        assertEquals("no-data", header(record, "ce_id"));
    }

    @Test
    void ndjsonDataInBinaryModeIsOneEventNotAStream() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-binary-ndjson"), 1);

        post(binary(event("lines"), "application/x-ndjson", utf8("{\"a\":1}\n{\"a\":2}\n")), topic)
                .then().statusCode(200).body("id", equalTo("lines"));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(1, records.size());
        assertEquals("{\"a\":1}\n{\"a\":2}\n", text(records.get(0).value()));
        assertEquals("application/x-ndjson", header(records.get(0), "content-type"));
    }

    @Test
    void structuredModeWritesTheSameBinaryModeRecordWithDataExactlyAsSent() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-structured"), 2);
        String body = """
                {"specversion":"1.0","id":"s-1","source":"https://example.com/shop","type":"com.example.t",
                 "subject":null,"dataschema":"https://example.com/schemas/order","comexampleflag":true,
                 "comexamplecount":5,"partitionkey":"p-1",
                 "data":{"total":0.10000000000000000000001,"big":1e400,"items":["a","é"]}}""";

        post(request().contentType(CloudEventsClient.STRUCTURED).body(utf8(body)), topic).then().statusCode(200)
                .body("id", equalTo("s-1"), "partitionReason", equalTo("key-hash"));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(1, records.size());
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertEquals("p-1", text(record.key()));
        assertEquals("{\"total\":0.10000000000000000000001,\"big\":1E+400,\"items\":[\"a\",\"é\"]}",
                text(record.value()));
        assertEquals(Map.of("ce_specversion", "1.0", "ce_id", "s-1", "ce_source", "https://example.com/shop",
                "ce_type", "com.example.t", "ce_dataschema", "https://example.com/schemas/order",
                "ce_comexampleflag", "true", "ce_comexamplecount", "5", "ce_partitionkey", "p-1",
                "content-type", "application/json"), headers(record));
    }

    @Test
    void structuredModeTakesTextAndBase64Data() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-structured-bytes"), 1);
        Map<String, Object> text = event("text");
        text.put("datacontenttype", "text/plain");
        text.put("data", "hello");
        Map<String, Object> bytes = event("bytes");
        bytes.put("datacontenttype", "application/octet-stream");
        bytes.put("data_base64", "AAEC/w==");

        post(structured(text), topic).then().statusCode(200);
        post(structured(bytes), topic).then().statusCode(200);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(2, records.size());
        assertEquals("hello", text(records.get(0).value()));
        assertEquals("text/plain", header(records.get(0), "content-type"));
        assertArrayEquals(new byte[] { 0, 1, 2, (byte) 0xFF }, records.get(1).value());
        assertEquals("application/octet-stream", header(records.get(1), "content-type"));
    }

    @Test
    void batchModeWritesOneRecordPerEventInOrder() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-batch"), 1);
        List<Map<String, Object>> events = List.of(withData(event("b-1"), 1), withData(event("b-2"), "two"),
                withData(event("b-3"), List.of(3)));

        post(batch(events), topic).then().statusCode(200)
                .body("$", hasSize(3), "id", equalTo(List.of("b-1", "b-2", "b-3")),
                        "offset", equalTo(List.of(0, 1, 2)));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(3, records.size());
        assertEquals(List.of("b-1", "b-2", "b-3"), records.stream().map(r -> header(r, "ce_id")).toList());
        assertEquals(List.of("1", "\"two\"", "[3]"), records.stream().map(r -> text(r.value())).toList());
        records.forEach(r -> assertEquals("application/json", header(r, "content-type")));
    }

    @Test
    void anEmptyBatchWritesNothing() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-batch-empty"), 1);

        post(batch(List.of()), topic).then().statusCode(200).body("$", hasSize(0));

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void preferRespondAsyncAnswers202AndTheEventsArrive() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-async"), 2);

        post(batch(List.of(event("a-1"), event("a-2"))).header("Prefer", "respond-async"), topic)
                .then().statusCode(202).header("Preference-Applied", "respond-async")
                .body("id", equalTo(List.of("a-1", "a-2")), "offset", equalTo(Arrays.asList(null, null)));
        post(binary(event("a-3"), "text/plain", utf8("x")).header("Prefer", "respond-async"), topic)
                .then().statusCode(202).body("id", equalTo("a-3"));

        assertEquals(List.of("a-1", "a-2", "a-3"), kafka.awaitRecords(topic, 3).stream()
                .map(r -> header(r, "ce_id")).sorted().toList());
    }

    @Test
    void anAtomicBatchIsCommittedInOneTransaction() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-atomic"), 3);
        Map<String, Object> keyed = event("t-1");
        keyed.put("partitionkey", "k");

        post(batch(List.of(keyed, event("t-2"))).queryParam("atomic", true), topic).then().statusCode(200)
                .body("id", equalTo(List.of("t-1", "t-2")));
        post(batch(List.of(event("t-3"))).queryParam("atomic", true).header("Prefer", "respond-async"), topic)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:invalid-field"));

        List<ConsumerRecord<byte[], byte[]>> committed = kafka.readAll(topic, IsolationLevel.READ_COMMITTED);
        assertEquals(List.of("t-1", "t-2"), committed.stream().map(r -> header(r, "ce_id")).sorted().toList());
    }

    @Test
    void compressedBodiesAreInflatedInEveryMode() throws IOException {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-gzip"), 1);

        post(binary(event("g-1"), "text/plain", gzip(utf8("inflated data"))).header("Content-Encoding", "gzip"),
                topic).then().statusCode(200);
        post(request().contentType(CloudEventsClient.BATCH).header("Content-Encoding", "gzip")
                .body(gzip(json(List.of(withData(event("g-2"), "batch"))))), topic).then().statusCode(200);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(List.of("inflated data", "\"batch\""), records.stream().map(r -> text(r.value())).toList());
    }

    @Test
    void anEventFormatOtherThanJsonIs415() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-avro"), 1);

        request().contentType("application/cloudevents+avro").body(new byte[] { 1, 2 }).post(path(topic))
                .then().statusCode(415).body("type", equalTo("urn:producer-gateway:problem:unsupported-media-type"));

        assertEquals(0, kafka.readAll(topic).size());
    }

    private static Map<String, Object> withData(Map<String, Object> event, Object data) {
        event.put("data", data);
        return event;
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), text(header.value()));
        }
        return headers;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
