package io.producergateway.ingest.cloudevents;

import static io.producergateway.ingest.cloudevents.CloudEventsClient.batch;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.binary;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.event;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.post;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.request;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.structured;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.utf8;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Events that break the CloudEvents 1.0 rules, in each mode: a problem naming the attribute, and nothing written (a
 * batch with one bad event writes none of it).
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class CloudEventsValidationTest {

    private static final String URN = "urn:producer-gateway:problem:";

    /** One way to break an event, the status and problem type it gets, and the attribute the problem names. */
    record Breakage(String what, Consumer<Map<String, Object>> breaks, int status, String type, String field) {
    }

    static final List<Breakage> BREAKAGES = List.of(
            new Breakage("no id", e -> e.remove("id"), 400, "invalid-event", "id"),
            new Breakage("no source", e -> e.remove("source"), 400, "invalid-event", "source"),
            new Breakage("no type", e -> e.remove("type"), 400, "invalid-event", "type"),
            new Breakage("no specversion", e -> e.remove("specversion"), 400, "invalid-event", "specversion"),
            new Breakage("specversion 0.3", e -> e.put("specversion", "0.3"), 422, "invalid-field", "specversion"),
            new Breakage("an empty id", e -> e.put("id", ""), 422, "invalid-field", "id"),
            new Breakage("a time without seconds", e -> e.put("time", "2024-05-01T12:00Z"), 422, "invalid-field",
                    "time"),
            new Breakage("a time that is no time", e -> e.put("time", "yesterday"), 422, "invalid-field", "time"),
            new Breakage("an extension name with _", e -> e.put("bad_name", "x"), 422, "invalid-field", "bad_name"),
            new Breakage("a relative dataschema", e -> e.put("dataschema", "/schemas/1"), 422, "invalid-field",
                    "dataschema"));

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void binaryModeNamesTheBadAttribute() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-bad-binary"), 1);
        for (Breakage breakage : BREAKAGES) {
            Map<String, Object> event = event("bad");
            breakage.breaks().accept(event);
            expect(post(binary(event, "text/plain", utf8("data")), topic).then(), breakage, 0);
        }
        post(binary(event("bad"), "text/plain", utf8("data")).header("ce-subject", "%C0%A0"), topic).then()
                .statusCode(422).body("errors[0].field", equalTo("subject"));
        post(binary(event("bad"), "text/plain", utf8("data")).header("ce-datacontenttype", "text/plain"), topic)
                .then().statusCode(422).body("errors[0].field", equalTo("datacontenttype"));
        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void structuredModeNamesTheBadAttribute() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-bad-structured"), 1);
        for (Breakage breakage : BREAKAGES) {
            Map<String, Object> event = event("bad");
            breakage.breaks().accept(event);
            expect(post(structured(event), topic).then(), breakage, 0);
        }
        Map<String, Object> both = event("both");
        both.put("data", "x");
        both.put("data_base64", "eA==");
        post(structured(both), topic).then().statusCode(400).body("type", equalTo(URN + "invalid-event"));
        Map<String, Object> unpadded = event("unpadded");
        unpadded.put("data_base64", "eA");
        post(structured(unpadded), topic).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(URN + "invalid-encoding"), "errors.field", equalTo(List.of("data_base64")),
                        "errors[0].detail", containsString("padding"));
        Map<String, Object> typed = event("typed");
        typed.put("id", 7);
        typed.put("comexampleratio", 0.5);
        post(structured(typed), topic).then().statusCode(422)
                .body("errors.field", equalTo(List.of("id", "comexampleratio")));
        post(request().contentType(CloudEventsClient.STRUCTURED).body(utf8("[]")), topic).then().statusCode(400)
                .body("type", equalTo(URN + "invalid-event"));
        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void aBatchWithOneBadEventWritesNothing() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-bad-batch"), 1);
        for (Breakage breakage : BREAKAGES) {
            Map<String, Object> bad = event("bad");
            breakage.breaks().accept(bad);
            expect(post(batch(List.of(event("good-0"), bad, event("good-2"))), topic).then(), breakage, 1);
        }
        post(request().contentType(CloudEventsClient.BATCH).body(utf8("[{\"specversion\":\"1.0\",\"id\":\"good\","
                + "\"source\":\"/s\",\"type\":\"t\"},\"not an event\"]")), topic).then().statusCode(400)
                .body("type", equalTo(URN + "invalid-event"), "errors[0].index", equalTo(1));
        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void aBatchOverTheEventLimitIs413() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-batch-limit"), 1);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) { // gateway.ingest.max-events-per-request
            events.add(event("e-" + i));
        }

        post(batch(events), topic).then().statusCode(413).body("type", equalTo(URN + "payload-too-large"));

        assertEquals(0, kafka.readAll(topic).size());
    }

    private static void expect(ValidatableResponse answer, Breakage breakage, int index) {
        try {
            answer.statusCode(breakage.status()).contentType("application/problem+json")
                    .body("type", equalTo(URN + breakage.type()), "errors.field", hasItem(breakage.field()),
                            "errors[0].index", equalTo(index), "detail", containsString(breakage.field()));
        } catch (AssertionError e) {
            throw new AssertionError(breakage.what() + ": " + e.getMessage(), e);
        }
    }
}
