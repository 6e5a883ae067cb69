package io.producergateway.ingest.restproxy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventFields;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.ingest.SchemaDraft;
import io.producergateway.ingest.SchemaRef;
import io.producergateway.schema.SchemaType;

/**
 * Reads the body that Confluent REST Proxy v2, the Strimzi Kafka Bridge and Redpanda's HTTP proxy accept:
 * {@code {"records":[{"key":..,"value":..,"partition":..,"headers":[{"key":"h","value":"<base64>"}],"timestamp":..}]}},
 * with JSON keys and values (stored as their JSON text), base64 ones (stored as the decoded bytes) or, as the Strimzi
 * Kafka Bridge takes them, strings (stored as their UTF-8 bytes).
 */
@Singleton
public class RestProxyReader {

    /** How keys and values are embedded in the request. */
    public enum Format {
        /** Any JSON, stored as its JSON text. */
        JSON(null),
        /** Base64, stored as the decoded bytes. */
        BINARY(null),
        /** A JSON string, stored as its UTF-8 bytes (the Strimzi Kafka Bridge's text format). */
        TEXT(null),
        /** JSON data written as Avro binary with the request's schema, in Confluent's wire format. */
        AVRO(SchemaType.AVRO),
        /** JSON data validated by the request's JSON Schema, in Confluent's wire format. */
        JSONSCHEMA(SchemaType.JSON),
        /** JSON data written as the first message of the request's .proto, in Confluent's wire format. */
        PROTOBUF(SchemaType.PROTOBUF);

        private final SchemaType schemaType;

        Format(SchemaType schemaType) {
            this.schemaType = schemaType;
        }

        /** The schema format, or null for the formats that store keys and values as they come. */
        public SchemaType schemaType() {
            return schemaType;
        }

        /** The schema format of a Content-Type the resource consumes as one ({@code ...avro.v2+json; charset=...}). */
        static Format ofSchemaMediaType(String contentType) {
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith(MediaTypes.AVRO_V2)) {
                return AVRO;
            }
            return type.startsWith(MediaTypes.JSONSCHEMA_V2) ? JSONSCHEMA : PROTOBUF;
        }
    }

    private final Json json;
    private final int maxEvents;

    public RestProxyReader(Json json, GatewayConfig config) {
        this.json = json;
        this.maxEvents = config.ingest().maxEventsPerRequest();
    }

    /** The events of a request in one of the formats that need no schema ({@link Format#schemaType()} null). */
    public List<Event> read(byte[] body, Format format, String priority) {
        JsonNode records = records(json.parse(body));
        Instant now = Instant.now();
        EventFields fields = new EventFields();
        List<Event> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            events.add(record(i, records.get(i), format, priority, now, fields));
        }
        fields.throwIfAny(events.size());
        return events;
    }

    /**
     * The records of a request in any format, for {@link io.producergateway.ingest.SchemaEncoding}: keys and values
     * that came as JSON keep their data, and in a schema format they name the request's {@code key_schema(_id)} and
     * {@code value_schema(_id)} (the id wins when both are given, as in REST Proxy). Keys without a key schema, or
     * values without a value schema, in a schema format: schema-required.
     */
    public List<SchemaDraft> drafts(byte[] body, Format format, String priority) {
        JsonNode root = json.parse(body);
        JsonNode records = records(root);
        SchemaType type = format.schemaType();
        SchemaRef keySchema = type == null ? null : schema(root, "key", type);
        SchemaRef valueSchema = type == null ? null : schema(root, "value", type);
        Instant now = Instant.now();
        EventFields fields = new EventFields();
        List<SchemaDraft> drafts = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode node = records.get(i);
            Event event = record(i, node, format, priority, now, fields);
            if (event == null) {
                continue;
            }
            JsonNode key = data(node, "key", format);
            JsonNode value = data(node, "value", format);
            if (type != null) {
                required(i, "key", key, keySchema, fields);
                required(i, "value", value, valueSchema, fields);
            }
            drafts.add(new SchemaDraft(i, event, key, keySchema, value, valueSchema));
        }
        fields.throwIfAny(records.size());
        return drafts;
    }

    private JsonNode records(JsonNode root) {
        JsonNode records = root.isObject() ? root.get("records") : null;
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw new GatewayException(ProblemType.INVALID_EVENT, "The body must be an object with a non-empty records array");
        }
        if (records.size() > maxEvents) {
            throw new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "A request carries at most " + maxEvents
                    + " records (gateway.ingest.max-events-per-request); this one has " + records.size());
        }
        return records;
    }

    /** The request's key_schema_id or key_schema (value_...), or null when it names neither. */
    private static SchemaRef schema(JsonNode root, String part, SchemaType type) {
        JsonNode id = root.get(part + "_schema_id");
        if (id != null && !id.isNull()) {
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw new GatewayException(ProblemType.INVALID_FIELD, part + "_schema_id must be a schema id: a "
                        + "whole number from 0");
            }
            return SchemaRef.byId(type, id.intValue());
        }
        JsonNode text = root.get(part + "_schema");
        if (text == null || text.isNull()) {
            return null;
        }
        if (!text.isTextual() || text.textValue().isBlank()) {
            throw new GatewayException(ProblemType.INVALID_SCHEMA, part + "_schema must be the schema's text, as a "
                    + "JSON string");
        }
        return SchemaRef.ofText(type, text.textValue());
    }

    private static void required(int index, String part, JsonNode data, SchemaRef schema, EventFields fields) {
        if (data != null && !data.isNull() && schema == null) {
            fields.violation(index, part, ProblemType.SCHEMA_REQUIRED, "The request has " + part + "s but neither "
                    + part + "_schema nor " + part + "_schema_id");
        }
    }

    /** A key or value as JSON data, where the format takes it as JSON (it is then written with a schema). */
    private static JsonNode data(JsonNode record, String part, Format format) {
        return format == Format.BINARY || format == Format.TEXT ? null : record.get(part);
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
            // written with the request's schema by SchemaEncoding, from the data
            case AVRO, JSONSCHEMA, PROTOBUF -> null;
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
