package io.producergateway.ingest.restproxy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventFields;
import io.producergateway.ingest.Json;

/**
 * Reads the body that Confluent REST Proxy v2, the Strimzi Kafka Bridge and Redpanda's HTTP proxy accept:
 * {@code {"records":[{"key":..,"value":..,"partition":..,"headers":[{"key":"h","value":"<base64>"}],"timestamp":..}]}},
 * with JSON keys and values (stored as their JSON text), base64 ones (stored as the decoded bytes) or, as the Strimzi
 * Kafka Bridge takes them, strings (stored as their UTF-8 bytes).
 */
@ApplicationScoped
public class RestProxyReader {

    /** How keys and values are embedded in the request. */
    public enum Format {
        /** Any JSON, stored as its JSON text. */
        JSON,
        /** Base64, stored as the decoded bytes. */
        BINARY,
        /** A JSON string, stored as its UTF-8 bytes (the Strimzi Kafka Bridge's text format). */
        TEXT
    }

    private final Json json;
    private final int maxEvents;

    public RestProxyReader(Json json, GatewayConfig config) {
        this.json = json;
        this.maxEvents = config.ingest().maxEventsPerRequest();
    }

    public List<Event> read(byte[] body, Format format, String priority) {
        JsonNode root = json.parse(body);
        JsonNode records = root.isObject() ? root.get("records") : null;
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw new GatewayException(ProblemType.INVALID_EVENT, "The body must be an object with a non-empty records array");
        }
        if (records.size() > maxEvents) {
            throw new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "A request carries at most " + maxEvents
                    + " records (gateway.ingest.max-events-per-request); this one has " + records.size());
        }
        Instant now = Instant.now();
        EventFields fields = new EventFields();
        List<Event> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            events.add(record(i, records.get(i), format, priority, now, fields));
        }
        fields.throwIfAny(events.size());
        return events;
    }

    private Event record(int index, JsonNode node, Format format, String priority, Instant now, EventFields fields) {
        if (!node.isObject()) {
            fields.violation(index, "", ProblemType.INVALID_EVENT, "A record must be a JSON object");
            return null;
        }
        if (!node.has("value")) {
            fields.violation(index, "value", ProblemType.INVALID_EVENT, "value is required (null writes a tombstone)");
        }
        byte[] key = embedded(index, "key", node.get("key"), format, fields);
        byte[] value = embedded(index, "value", node.get("value"), format, fields);
        return new Event(Integer.toString(index), key, value, headers(index, node.get("headers"), fields),
                fields.partition(index, node), priority, fields.timestamp(index, node, now));
    }

    private byte[] embedded(int index, String field, JsonNode node, Format format, EventFields fields) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (format) {
            case JSON -> json.bytes(node);
            case BINARY -> fields.base64(index, field, node);
            case TEXT -> text(index, field, node, fields);
        };
    }

    private static byte[] text(int index, String field, JsonNode node, EventFields fields) {
        if (!node.isTextual()) {
            fields.violation(index, field, ProblemType.INVALID_FIELD, field + " must be a string in the text format");
            return null;
        }
        if (!EventFields.encodable(node.textValue())) {
            fields.violation(index, field, ProblemType.INVALID_FIELD, field + EventFields.UNPAIRED_SURROGATE);
            return null;
        }
        return node.textValue().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Header> headers(int index, JsonNode node, EventFields fields) {
        List<Header> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isArray()) {
            fields.violation(index, "headers", ProblemType.INVALID_HEADER, "headers must be an array of {key, value}");
            return headers;
        }
        for (int h = 0; h < node.size(); h++) {
            JsonNode header = node.get(h);
            JsonNode name = header.get("key");
            if (!header.isObject() || name == null || !name.isTextual()) {
                fields.violation(index, "headers[" + h + "].key", ProblemType.INVALID_HEADER,
                        "a header needs a string key");
                continue;
            }
            if (!EventFields.encodable(name.textValue())) {
                fields.violation(index, "headers[" + h + "].key", ProblemType.INVALID_HEADER,
                        "the header key" + EventFields.UNPAIRED_SURROGATE);
                continue;
            }
            JsonNode value = header.get("value");
            if (value != null && !value.isNull() && !value.isTextual()) {
                fields.violation(index, "headers[" + h + "].value", ProblemType.INVALID_HEADER,
                        "header " + EventFields.shown(name.textValue()) + " must be a base64 string");
                continue;
            }
            headers.add(new RecordHeader(name.textValue(), fields.base64(index, "headers[" + h + "].value", value)));
        }
        return headers;
    }
}
