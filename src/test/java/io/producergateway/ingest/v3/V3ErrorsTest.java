package io.producergateway.ingest.v3;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Every way one record of REST Proxy v3 fails, each with its status, its error report (REST Proxy's error_code and
 * message, our problem's members), and nothing written; and what is refused for the whole request, as a problem.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class V3ErrorsTest {

    private static final String URN = "urn:producer-gateway:problem:";

    private final KafkaTestClient kafka = SharedKafka.client();
    private final String cluster = V3Client.clusterId(kafka);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            avro value                | 422 | schema-not-supported | value.type | {"value":{"type":"AVRO","data":"x"}}
            jsonschema key            | 422 | schema-not-supported | key.type   | {"key":{"type":"JSONSCHEMA","data":1},"value":{"type":"JSON","data":1}}
            protobuf value            | 422 | schema-not-supported | value.type | {"value":{"type":"protobuf","data":"x"}}
            no type                   | 422 | schema-not-supported | value.type | {"value":{"data":"x"}}
            schema id without type    | 422 | schema-not-supported | value.type | {"value":{"schema_id":3,"data":"x"}}
            binary with schema id     | 422 | invalid-field        | value.schema_id | {"value":{"type":"BINARY","schema_id":3,"data":"eA=="}}
            unknown type              | 422 | invalid-field        | value.type | {"value":{"type":"XML","data":"x"}}
            type not a string         | 422 | invalid-field        | value.type | {"value":{"type":1,"data":"x"}}
            value not an object       | 422 | invalid-field        | value      | {"value":"plain"}
            binary not base64         | 422 | invalid-encoding     | value.data | {"value":{"type":"BINARY","data":"not base64!"}}
            binary not a string       | 422 | invalid-encoding     | value.data | {"value":{"type":"BINARY","data":1}}
            string not a string       | 422 | invalid-field        | value.data | {"value":{"type":"STRING","data":{"a":1}}}
            header value not base64   | 422 | invalid-encoding     | headers[0].value | {"headers":[{"name":"h","value":"%%"}],"value":{"type":"JSON","data":1}}
            header without name       | 422 | invalid-header       | headers[0].name | {"headers":[{"value":"eA=="}],"value":{"type":"JSON","data":1}}
            headers not an array      | 422 | invalid-header       | headers    | {"headers":{"h":"eA=="},"value":{"type":"JSON","data":1}}
            negative partition        | 422 | invalid-field        | partition_id | {"partition_id":-1,"value":{"type":"JSON","data":1}}
            epoch timestamp           | 422 | invalid-field        | timestamp  | {"timestamp":1700000000000,"value":{"type":"JSON","data":1}}
            bad timestamp             | 422 | invalid-field        | timestamp  | {"timestamp":"yesterday","value":{"type":"JSON","data":1}}
            """)
    void aRecordWithAnInvalidFieldIsAnsweredWithItsStatusAndNothingIsWritten(String name, int status, String type,
            String field, String body) {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-invalid"), 1);

        report(body, topic, status, type)
                .body("errors", hasSize(1), "errors[0].field", equalTo(field), "errors[0].index", equalTo(0),
                        "errors[0].type", equalTo(URN + type));

        assertEquals(0, kafka.readAll(topic).size(), name);
    }

    @Test
    void aRecordThatIsNotAnObjectOrNotJsonIs400() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-shape"), 1);

        report("[{\"value\":{\"type\":\"JSON\",\"data\":1}}]", topic, 400, "invalid-event");
        report("42", topic, 400, "invalid-event");
        report("{\"value\":{\"type\":\"JSON\",\"data\":1},\"value\":2}", topic, 400, "malformed-request")
                .body("message", containsString("Duplicate field"));
        report("{\"value\":{\"type\":\"JSON\",\"data\":1}", topic, 400, "malformed-request")
                .body("message", containsString("ended inside it"));
        report("{\"value\":}", topic, 400, "malformed-request");

        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void whatKafkaOrTheTopicRefusesIsTheRecordsError() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-kafka"), 2);

        report("{\"partition_id\":2,\"value\":{\"type\":\"JSON\",\"data\":1}}", topic, 422, "partition-out-of-range");
        report("{\"value\":{\"type\":\"JSON\",\"data\":1}}", KafkaTestClient.uniqueTopic("v3-missing"), 404,
                "unknown-topic");
        report("{\"value\":{\"type\":\"JSON\",\"data\":1}}", "bad topic name!", 400, "invalid-topic");
        String small = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-small"), 1,
                Map.of("max.message.bytes", "1000"));
        report("{\"value\":{\"type\":\"STRING\",\"data\":\"" + "x".repeat(2000) + "\"}}", small, 413,
                "record-too-large");

        assertEquals(0, kafka.readAll(topic).size());
        assertEquals(0, kafka.readAll(small).size());
    }

    @Test
    void whatConcernsTheWholeRequestIsAProblem() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-request"), 1);
        String record = "{\"value\":{\"type\":\"JSON\",\"data\":1}}";

        given().contentType("application/json").body(record).post(V3Client.records("not-" + cluster, topic))
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(URN + "unknown-cluster"), "detail", containsString(cluster));
        given().contentType("application/json").body(record).post("/kafka" + V3Client.records("lkc-x", topic))
                .then().statusCode(404).body("type", equalTo(URN + "unknown-cluster"));
        given().contentType("text/plain").body(record).post(V3Client.records(cluster, topic))
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo(URN + "unsupported-media-type"));
        given().body(V3ProduceTest.utf8(record)).post(V3Client.records(cluster, topic))
                .then().statusCode(415).body("type", equalTo(URN + "unsupported-media-type"),
                        "detail", containsString("application/json"));
        given().contentType("application/json").body("  \n").post(V3Client.records(cluster, topic))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(URN + "malformed-request"));
        given().contentType("application/json").header("X-Delivery", "sometimes").body(record)
                .post(V3Client.records(cluster, topic))
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(URN + "invalid-field"));

        assertEquals(0, kafka.readAll(topic).size());
    }

    /** A record's error report: REST Proxy's error_code and message, and our problem's members. */
    private ValidatableResponse report(String body, String topic, int status, String type) {
        ValidatableResponse answer = given().contentType("application/json").body(V3ProduceTest.utf8(body))
                .post(V3Client.records(cluster, topic))
                .then().statusCode(status).contentType("application/json")
                .body("error_code", equalTo(V3Client.confluentCode(type)), "type", equalTo(URN + type),
                        "status", equalTo(status),
                        "title", notNullValue(), "cluster_id", nullValue());
        JsonPath report = answer.extract().jsonPath();
        assertEquals(report.getString("detail"), report.getString("message"), "message says what detail says");
        return answer;
    }
}
