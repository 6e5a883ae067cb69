package io.producergateway.problem;

import static io.producergateway.testing.ConfluentAnswers.confluent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A REST Proxy client reads an error as REST Proxy answers it: {@code error_code} (Confluent's code) and
 * {@code message} beside our problem members, in {@code application/vnd.kafka.v2+json} when it asks for it; the
 * status stays ours. Our own /v1 API keeps pure problems.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class ConfluentErrorsTest {

    private static final String URN = "urn:producer-gateway:problem:";

    private final KafkaTestClient kafka = SharedKafka.client();
    private String topic;

    @BeforeEach
    void topic() {
        topic = kafka.createTopic(KafkaTestClient.uniqueTopic("confluent-errors"), 2);
    }

    @Test
    void anUnknownTopicIs40401InTheContentTypeTheClientAccepts() {
        String missing = KafkaTestClient.uniqueTopic("never-created");

        String detail = confluent(v2Client().contentType(MediaTypes.JSON_V2).body("{\"records\":[{\"value\":1}]}")
                .post("/topics/{topic}", missing).then(), 404, "unknown-topic", 40401, MediaTypes.V2)
                .extract().path("detail");
        assertEquals(true, detail.contains(missing), detail);
        confluent(given().contentType(MediaTypes.JSON_V2).body("{\"records\":[{\"value\":1}]}")
                .post("/topics/{topic}", missing).then(), 404, "unknown-topic", 40401, Problem.MEDIA_TYPE);
        confluent(given().accept("application/vnd.kafka+json").contentType(MediaTypes.BINARY_V2)
                .body("{\"records\":[{\"value\":\"AQ==\"}]}").post("/topics/{topic}", missing).then(),
                404, "unknown-topic", 40401, MediaTypes.V2);
    }

    @Test
    void malformedJsonIs400WithCode400() {
        confluent(postV2(v2Client(), "{\"records\":[{\"value\":1}", MediaTypes.JSON_V2),
                400, "malformed-request", 400, MediaTypes.V2);
        confluent(postV2(given(), "{\"records\":[{\"value\":1}", MediaTypes.JSON_V2),
                400, "malformed-request", 400, Problem.MEDIA_TYPE);
        assertNothingWritten();
    }

    @Test
    void invalidRecordsAre422WithTheirInvalidFieldsAndTheirCode() {
        confluent(postV2(v2Client(), "{\"records\":[{\"value\":\"not base64!\"}]}", MediaTypes.BINARY_V2),
                422, "invalid-encoding", 422, MediaTypes.V2)
                .body("errors[0].index", equalTo(0), "errors[0].field", equalTo("value"));
        // The partition does not exist: REST Proxy's "partition not found", with our status.
        confluent(postV2(v2Client(), "{\"records\":[{\"value\":1,\"partition\":7}]}", MediaTypes.JSON_V2),
                422, "partition-out-of-range", 40402, MediaTypes.V2);
        confluent(postV2(given(), "{\"records\":[{\"value\":1,\"partition\":7}]}", MediaTypes.JSON_V2),
                422, "partition-out-of-range", 40402, Problem.MEDIA_TYPE);
        assertNothingWritten();
    }

    @Test
    void aMissingContentTypeIs415FromTheGuardInTheAcceptedType() throws Exception {
        // HttpClient sends no Content-Type unless told; RestAssured always sends one.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String accept : new String[] { MediaTypes.V2, "*/*" }) {
            HttpResponse<String> answer = send(client, HttpRequest.newBuilder(uri("/topics/" + topic))
                    .header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[{\"value\":1}]}")));
            assertEquals(415, answer.statusCode(), answer.body());
            String expected = accept.equals(MediaTypes.V2) ? MediaTypes.V2 : Problem.MEDIA_TYPE;
            assertEquals(true, answer.headers().firstValue("Content-Type").orElse("").startsWith(expected),
                    answer.headers().toString());
            JsonNode body = new ObjectMapper().readTree(answer.body());
            assertEquals(URN + "unsupported-media-type", body.path("type").asText());
            assertEquals(415, body.path("error_code").asInt());
            assertEquals(body.path("detail").asText(), body.path("message").asText());
        }
        // Another content type is refused by the framework: the same answer.
        confluent(postV2(v2Client(), "{\"records\":[{\"value\":1}]}", "text/plain"),
                415, "unsupported-media-type", 415, MediaTypes.V2);
        assertNothingWritten();
    }

    @Test
    void aMethodOrPathThatDoesNotExistIsAConfluentErrorToo() {
        confluent(v2Client().delete("/topics/{topic}", topic).then(), 405, "method-not-allowed", 405, MediaTypes.V2);
        confluent(v2Client().contentType(MediaTypes.JSON_V2).body("{}").post("/topics/{topic}/no/such/thing", topic)
                .then(), 404, "not-found", 404, MediaTypes.V2);
        // A v3 client accepting application/json gets application/json.
        confluent(given().accept("application/json").get("/v3/no-such-resource").then(),
                404, "not-found", 404, "application/json");
        confluent(given().accept("application/json").get("/kafka/v3/no-such-resource").then(),
                404, "not-found", 404, "application/json");
        confluent(given().get("/v3/no-such-resource").then(), 404, "not-found", 404, Problem.MEDIA_TYPE);
    }

    @Test
    void ourOwnApiKeepsPureProblemsWhateverTheClientAccepts() {
        String missing = KafkaTestClient.uniqueTopic("never-created");
        given().accept(MediaTypes.V2).contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", missing).then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(URN + "unknown-topic"), "status", equalTo(404), "error_code", nullValue(),
                        "message", nullValue());
        given().accept(MediaTypes.V2).contentType("application/json").body("{\"value\":")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(URN + "malformed-request"), "error_code", nullValue());
        given().accept(MediaTypes.V2).get("/v2/nothing-here").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("error_code", nullValue());
    }

    @Test
    void theDocumentedProblemSchemaHasConfluentsMembersForTheRestProxyPaths() throws Exception {
        JsonNode properties = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString()).path("components").path("schemas").path("Problem")
                .path("properties");
        for (String member : new String[] { "error_code", "message" }) {
            String description = properties.path(member).path("description").asText();
            assertEquals(true, description.contains("/topics") && description.contains("/v3"), member + ": "
                    + properties);
        }
        assertEquals("integer", properties.path("error_code").path("type").asText());
    }

    private ValidatableResponse postV2(RequestSpecification request, String body, String contentType) {
        return request.contentType(contentType).body(body).post("/topics/{topic}", topic).then();
    }

    private static RequestSpecification v2Client() {
        return given().accept(MediaTypes.V2);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + RestAssured.port + path);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void assertNothingWritten() {
        assertEquals(0, kafka.readAll(topic).size(), "a refused request writes nothing");
    }
}
