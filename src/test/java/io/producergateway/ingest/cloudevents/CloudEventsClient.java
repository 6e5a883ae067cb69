package io.producergateway.ingest.cloudevents;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Sends CloudEvents in the HTTP binding's three modes, as a CloudEvents client would. */
final class CloudEventsClient {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The content type exactly as given: binary mode's Content-Type is the event's datacontenttype. */
    private static final RestAssuredConfig AS_GIVEN = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private CloudEventsClient() {
    }

    static String path(String topic) {
        return "/v1/topics/" + topic + "/cloudevents";
    }

    /** The required attributes of an event with this id. */
    static Map<String, Object> event(String id) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/shop/checkout");
        event.put("type", "com.example.order.placed");
        return event;
    }

    static RequestSpecification request() {
        return given().config(AS_GIVEN);
    }

    /** Binary mode: each attribute a ce- header, the body the data. */
    static RequestSpecification binary(Map<String, ?> attributes, String contentType, byte[] data) {
        RequestSpecification request = request();
        attributes.forEach((name, value) -> request.header("ce-" + name, String.valueOf(value)));
        if (contentType != null) {
            request.contentType(contentType);
        }
        return data == null ? request : request.body(data);
    }

    static RequestSpecification structured(Map<String, ?> event) {
        return request().contentType(STRUCTURED).body(json(event));
    }

    static RequestSpecification batch(List<? extends Map<String, ?>> events) {
        return request().contentType(BATCH).body(json(events));
    }

    static Response post(RequestSpecification request, String topic) {
        return request.post(path(topic));
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
