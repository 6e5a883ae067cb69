package io.producergateway.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.producergateway.problem.Problem;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/** Every malformed request gets its 4xx and a problem body, and writes nothing. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class BadInputTest {

    private final KafkaTestClient kafka = SharedKafka.client();
    private String topic;

    @BeforeEach
    void topic() {
        topic = kafka.createTopic(KafkaTestClient.uniqueTopic("bad-input"), 2);
    }

    @Test
    void malformedJsonIs400() {
        problem(postV1("{\"value\": ", "application/json"), 400, "malformed-request");
        problem(postV2("{\"records\":[", MediaTypes.JSON_V2), 400, "malformed-request");
        assertNothingWritten();
    }

    @Test
    void duplicateFieldsAre400() {
        problem(postV1("{\"value\":1,\"value\":2}", "application/json"), 400, "malformed-request");
    }

    @Test
    void missingValueOrRecordsIs400() {
        problem(postV1("{\"key\":\"k\"}", "application/json"), 400, "invalid-event")
                .body("errors[0].field", equalTo("value"));
        problem(postV1("[{\"value\":1},{\"key\":\"no value\"}]", "application/json"), 400, "invalid-event")
                .body("errors[0].index", equalTo(1));
        problem(postV2("{\"value\":1}", MediaTypes.JSON_V2), 400, "invalid-event");
        problem(postV2("{\"records\":[]}", MediaTypes.JSON_V2), 400, "invalid-event");
        problem(postV1("\"just a string\"", "application/json"), 400, "invalid-event");
        assertNothingWritten();
    }

    @Test
    void wrongContentTypeIs415() {
        problem(postV1("{\"value\":1}", "text/plain"), 415, "unsupported-media-type");
        problem(postV2("{\"records\":[{\"value\":1}]}", "application/json"), 415, "unsupported-media-type");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String huge = "{\"value\":\"" + "x".repeat(1_100_000) + "\"}";
        given().contentType("application/json").body(huge).post("/v1/topics/{topic}/events", topic)
                .then().statusCode(413);
        assertNothingWritten();
    }

    @Test
    void invalidTopicNameIs400() {
        given().contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", "bad topic!")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:producer-gateway:problem:invalid-topic"));
    }

    @Test
    void unknownTopicIs404AndIsNotCreated() {
        String missing = KafkaTestClient.uniqueTopic("never-created");
        given().contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", missing)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:producer-gateway:problem:unknown-topic"),
                        "detail", containsString(missing));
        given().contentType(MediaTypes.JSON_V2).body("{\"records\":[{\"value\":1}]}")
                .post("/topics/{topic}", missing)
                .then().statusCode(404);
        assertFalse(kafka.topicExists(missing), "the gateway must not create topics");
    }

    @Test
    void partitionOutOfRangeIs422AndNothingOfTheBatchIsWritten() {
        problem(postV1("[{\"value\":1,\"partition\":0},{\"value\":2,\"partition\":7}]", "application/json"), 422,
                "partition-out-of-range").body("errors[0].index", equalTo(1));
        problem(postV2("{\"records\":[{\"value\":1},{\"value\":2,\"partition\":2}]}", MediaTypes.JSON_V2),
                422, "partition-out-of-range");
        assertNothingWritten();
    }

    @Test
    void invalidBase64Is422() {
        problem(postV2("{\"records\":[{\"value\":\"bm90IGJhc2U2NA\"},{\"value\":\"***\"}]}",
                MediaTypes.BINARY_V2), 422, "invalid-encoding").body("errors[0].index", equalTo(1));
        problem(postV2("{\"records\":[{\"key\":\"%%%\",\"value\":\"AA==\"}]}", MediaTypes.BINARY_V2), 422,
                "invalid-encoding").body("errors[0].field", equalTo("key"));
        assertNothingWritten();
    }

    @Test
    void headerThatIsNotAStringIs422() {
        problem(postV1("{\"value\":1,\"headers\":{\"n\":5}}", "application/json"), 422, "invalid-header")
                .body("errors[0].field", equalTo("headers.n"));
        problem(postV2("{\"records\":[{\"value\":1,\"headers\":[{\"key\":\"n\",\"value\":5}]}]}",
                MediaTypes.JSON_V2), 422, "invalid-header");
        assertNothingWritten();
    }

    @Test
    void wrongFieldTypesAre422() {
        problem(postV1("{\"value\":1,\"key\":42}", "application/json"), 422, "invalid-field");
        problem(postV1("{\"value\":1,\"partition\":\"one\"}", "application/json"), 422, "invalid-field");
        problem(postV1("{\"value\":1,\"timestamp\":\"yesterday\"}", "application/json"), 422, "invalid-field");
        problem(postV1("{\"value\":1,\"timestamp\":-5}", "application/json"), 422, "invalid-field");
        assertNothingWritten();
    }

    @Test
    void aTimestampTheTopicsBrokersWouldRefuseIs422UpFront() {
        topic = kafka.createTopic(KafkaTestClient.uniqueTopic("recent-only"), 1,
                Map.of("message.timestamp.before.max.ms", "60000", "message.timestamp.after.max.ms", "60000"));
        long now = System.currentTimeMillis();
        problem(postV1("[{\"value\":1},{\"value\":2,\"timestamp\":1000}]", "application/json"), 422,
                "invalid-field").body("errors[0].index", equalTo(1), "errors[0].field", equalTo("timestamp"),
                        "errors[0].detail", containsString("(message.timestamp.before.max.ms)"));
        problem(postV2("{\"records\":[{\"value\":1,\"timestamp\":" + (now + 3_600_000) + "}]}", MediaTypes.JSON_V2),
                422, "invalid-field").body("errors[0].detail", containsString("(message.timestamp.after.max.ms)"));
        assertNothingWritten();
        postV1("{\"value\":3,\"timestamp\":" + (now - 1000) + "}", "application/json").statusCode(200);
    }

    @Test
    void aClientThatWaitsFor100ContinueIsToldToSendItsBody() throws IOException {
        byte[] body = "{\"value\":\"after 100 Continue\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            out.write(("POST /v1/topics/" + topic + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 100 Continue", in.readLine(), "the body is asked for before it is sent");
            assertEquals("", in.readLine());
            out.write(body);
            out.flush();
            assertEquals("HTTP/1.1 200 OK", in.readLine());
        }
        assertEquals(1, kafka.readAll(topic).size());
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().get("/v2/nothing-here").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404), "detail", not(containsString("Exception")));
    }

    private ValidatableResponse postV1(String body, String contentType) {
        return given().contentType(contentType).body(body).post("/v1/topics/{topic}/events", topic).then();
    }

    private ValidatableResponse postV2(String body, String contentType) {
        return given().contentType(contentType).body(body).post("/topics/{topic}", topic).then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status), "type", equalTo("urn:producer-gateway:problem:" + type),
                        "title", not(equalTo(null)), "detail", not(containsString("Exception")));
    }

    private void assertNothingWritten() {
        assertEquals(0, kafka.readAll(topic).size(), "a rejected request must write nothing");
    }
}
