package io.producergateway.ingest.restproxy;

import static io.producergateway.testing.Records.header;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Strimzi Kafka Bridge's text format ({@value MediaTypes#TEXT_V2}) on {@code POST /topics/{topic}}: string keys
 * and values stored as their UTF-8 bytes, without the quotes the JSON format keeps.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class RestProxyTextFormatTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void stringKeysAndValuesAreStoredAsTheirUtf8Bytes() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-text"), 2);
        String h = Base64.getEncoder().encodeToString("hv".getBytes(StandardCharsets.UTF_8));

        given().contentType(MediaTypes.TEXT_V2)
                .body("""
                        {"records":[
                          {"key":"user-1","value":"plain text, \\"quoted\\" and \\u00e9\\u4e2d","partition":1,
                           "headers":[{"key":"h","value":"%s"}],"timestamp":1690000000000},
                          {"key":"user-2","value":"{\\"not\\":\\"parsed\\"}","partition":0},
                          {"key":"gone","value":null,"partition":0}
                        ]}""".formatted(h))
                .post("/topics/{topic}", topic)
                .then().statusCode(200).contentType(MediaTypes.V2)
                .body("offsets", hasSize(3), "offsets.partition", equalTo(List.of(1, 0, 0)));

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(3, records.size());
        ConsumerRecord<byte[], byte[]> text = records.get(2);
        assertEquals(1, text.partition());
        assertArrayEquals("user-1".getBytes(StandardCharsets.UTF_8), text.key());
        assertArrayEquals("plain text, \"quoted\" and \u00e9\u4e2d".getBytes(StandardCharsets.UTF_8), text.value());
        assertEquals("hv", header(text, "h"));
        assertEquals(1690000000000L, text.timestamp());
        assertArrayEquals("{\"not\":\"parsed\"}".getBytes(StandardCharsets.UTF_8), records.get(0).value());
        assertArrayEquals("gone".getBytes(StandardCharsets.UTF_8), records.get(1).key());
        assertNull(records.get(1).value(), "a null value is a tombstone");
    }

    @Test
    void aKeyOrValueThatIsNotAStringIs422AndNothingIsWritten() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v2-text-bad"), 1);

        given().contentType(MediaTypes.TEXT_V2)
                .body("{\"records\":[{\"value\":\"ok\"},{\"key\":7,\"value\":\"x\"},{\"value\":{\"a\":1}},"
                        + "{\"value\":\"\\ud800\"}]}")
                .post("/topics/{topic}", topic)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:producer-gateway:problem:invalid-field"),
                        "errors.index", equalTo(List.of(1, 2, 3)),
                        "errors.field", equalTo(List.of("key", "value", "value")));

        assertEquals(0, kafka.readAll(topic).size());
    }
}
