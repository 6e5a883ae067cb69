package io.producergateway.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * Reads our own API's body: one event object, or an array of them:
 * {@code {"id"?, "key"?, "value": <any JSON>, "headers"?: {name: string}, "partition"?, "priority"?, "timestamp"?}}.
 */
@Singleton
public class EventReader {

    /** The record header that carries the event id. */
    public static final String ID_HEADER = "event-id";
    private static final int MAX_ID_LENGTH = 200;
    private static final int MAX_PRIORITY_LENGTH = 64;

    private final Json json;
    private final int maxEvents;

    public EventReader(Json json, GatewayConfig config) {
        this.json = json;
        this.maxEvents = config.ingest().maxEventsPerRequest();
    }

    /**
     * The events of a request, and whether it was a single object (answered with a single object); with the drafts
     * {@link SchemaEncoding} writes when an event names a schema or the topic is governed, else null.
     */
    public record Batch(List<Event> events, boolean single, List<SchemaDraft> drafts) {
    }

    public Batch read(byte[] body) {
        return read(body, false);
    }

    /**
     * @param governed whether the topic's keys or values are governed: the events' JSON data is then kept in drafts
     *        for its schema
     */
    public Batch read(byte[] body, boolean governed) {
        JsonNode root = json.parse(body);
        boolean single = root.isObject();
        if (!single && !root.isArray()) {
            throw new GatewayException(ProblemType.INVALID_EVENT, "The body must be an event object or an array of them");
        }
        if (root.isArray() && root.isEmpty()) {
            throw new GatewayException(ProblemType.INVALID_EVENT, "The array has no events");
        }
        if (root.size() > maxEvents && !single) {
            throw new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "A request carries at most " + maxEvents
                    + " events (gateway.ingest.max-events-per-request); this one has " + root.size());
        }
        Instant now = Instant.now();
        EventFields fields = new EventFields();
        int size = single ? 1 : root.size();
        List<Event> events = new ArrayList<>(size);
        List<SchemaDraft> drafts = new ArrayList<>(size);
        boolean schemas = governed;
        for (int i = 0; i < size; i++) {
            SchemaDraft draft = event(i, single ? root : root.get(i), now, fields, governed);
            events.add(draft == null ? null : draft.event());
            drafts.add(draft);
            schemas |= draft != null && !draft.plain();
        }
        fields.throwIfAny(events.size());
        return new Batch(events, single, schemas ? drafts : null);
    }

    /**
     * One event of a stream: a JSON object on one line, as a draft (final as read unless it names a schema or the
     * topic is governed).
     */
    public SchemaDraft readOne(byte[] line, int index, boolean governed) {
        JsonNode node = json.parse(line);
        if (!node.isObject()) {
            throw new GatewayException(ProblemType.INVALID_EVENT, "Line " + index + " is not an event object");
        }
        EventFields fields = new EventFields();
        SchemaDraft draft = event(index, node, Instant.now(), fields, governed);
        fields.throwIfAny(1);
        return draft;
    }

    private SchemaDraft event(int index, JsonNode node, Instant now, EventFields fields, boolean governed) {
        if (!node.isObject()) {
            fields.violation(index, "", ProblemType.INVALID_EVENT, "An event must be a JSON object");
            return null;
        }
        if (!node.has("value")) {
            fields.violation(index, "value", ProblemType.INVALID_EVENT, "value is required (null writes a tombstone)");
        }
        String id = fields.optionalText(index, node, "id", MAX_ID_LENGTH);
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        SchemaRef keySchema = schemaId(index, node, "keySchemaId", fields);
        SchemaRef valueSchema = schemaId(index, node, "valueSchemaId", fields);
        byte[] key = null;
        JsonNode keyNode = node.get("key");
        if (keySchema != null) {
            key = null; // any JSON data, written with its schema
        } else if (keyNode != null && !keyNode.isNull()) {
            if (keyNode.isTextual() && EventFields.encodable(keyNode.textValue())) {
                key = keyNode.textValue().getBytes(StandardCharsets.UTF_8);
            } else if (keyNode.isTextual()) {
                fields.violation(index, "key", ProblemType.INVALID_FIELD, "key" + EventFields.UNPAIRED_SURROGATE);
            } else {
                fields.violation(index, "key", ProblemType.INVALID_FIELD, "key must be a string");
            }
        }
        JsonNode valueNode = node.get("value");
        byte[] value = valueNode == null || valueNode.isNull() || valueSchema != null ? null : json.bytes(valueNode);
        List<Header> headers = headers(index, node.get("headers"), fields);
        headers.add(new RecordHeader(ID_HEADER, id.getBytes(StandardCharsets.UTF_8)));
        Event event = new Event(id, key, value, headers, fields.partition(index, node),
                fields.optionalText(index, node, "priority", MAX_PRIORITY_LENGTH), fields.timestamp(index, node, now));
        boolean keepData = governed || keySchema != null || valueSchema != null;
        return new SchemaDraft(index, event, keepData ? keyNode : null, keySchema, keepData ? valueNode : null,
                valueSchema);
    }

    /** {@code keySchemaId} or {@code valueSchemaId}: the id of a schema the registry has, in any format. */
    private static SchemaRef schemaId(int index, JsonNode node, String name, EventFields fields) {
        JsonNode field = node.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isIntegralNumber() || !field.canConvertToInt() || field.intValue() < 0) {
            fields.violation(index, name, ProblemType.INVALID_FIELD, name + " must be a schema id: a whole number "
                    + "from 0");
            return null;
        }
        return SchemaRef.byId(null, field.intValue());
    }

    private static List<Header> headers(int index, JsonNode node, EventFields fields) {
        List<Header> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            fields.violation(index, "headers", ProblemType.INVALID_HEADER, "headers must be an object of string values");
            return headers;
        }
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            String name = EventFields.shown(header.getKey());
            if (!header.getValue().isTextual()) {
                fields.violation(index, "headers." + name, ProblemType.INVALID_HEADER,
                        "header " + name + " must be a string");
            } else if (!EventFields.encodable(header.getKey())) {
                fields.violation(index, "headers." + name, ProblemType.INVALID_HEADER,
                        "the header name" + EventFields.UNPAIRED_SURROGATE);
            } else if (!EventFields.encodable(header.getValue().textValue())) {
                fields.violation(index, "headers." + name, ProblemType.INVALID_HEADER,
                        "header " + name + EventFields.UNPAIRED_SURROGATE);
            } else {
                headers.add(new RecordHeader(header.getKey(), header.getValue().textValue().getBytes(StandardCharsets.UTF_8)));
            }
        }
        return headers;
    }
}
