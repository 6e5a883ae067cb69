package io.producergateway.ingest.v3;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventFields;
import io.producergateway.ingest.Json;

/**
 * Reads one record of REST Proxy v3's produce request:
 * {@code {"partition_id"?, "headers"?: [{"name", "value": <base64>|null}], "key"?: {"type", "data"},
 * "value"?: {"type", "data"}, "timestamp"?: <ISO-8601>}}. A key or value of type BINARY is base64, stored as the
 * decoded bytes; JSON is any JSON, stored as its JSON text; STRING is a string, stored as its UTF-8 bytes. A key or
 * value that is absent, null, or has no data (or data null) is stored as null: without a value, a tombstone.
 * <p>
 * Without a schema registry, the schema formats (AVRO, JSONSCHEMA, PROTOBUF) and a key or value that names a schema
 * or has no type (REST Proxy then serializes it with a schema from Schema Registry) are refused with
 * schema-not-supported (422): the gateway never stores bytes that a schema-aware consumer would misread.
 */
@ApplicationScoped
public class V3RecordReader {

    static final Set<String> TYPES = Set.of("BINARY", "JSON", "STRING");
    static final Set<String> SCHEMA_TYPES = Set.of("AVRO", "JSONSCHEMA", "PROTOBUF");
    /** The members of a key or value that name a schema of Schema Registry. */
    private static final List<String> SCHEMA_MEMBERS = List.of("schema_id", "schema_version", "subject",
            "subject_name_strategy", "schema");

    private final Json json;

    public V3RecordReader(Json json) {
        this.json = json;
    }

    /**
     * @param index the record's position in the request or stream, from 0
     * @param priority the X-Priority of the request, or null
     * @throws GatewayException with every invalid field of the record listed
     */
    V3Record read(byte[] bytes, int index, String priority) {
        JsonNode node = json.parse(bytes);
        if (!node.isObject()) {
            throw new GatewayException(ProblemType.INVALID_EVENT, "Record " + index + " is not a JSON object");
        }
        EventFields fields = new EventFields();
        Embedded key = embedded(index, "key", node.get("key"), fields);
        Embedded value = embedded(index, "value", node.get("value"), fields);
        List<Header> headers = headers(index, node.get("headers"), fields);
        Integer partition = fields.partition(index, node, "partition_id");
        Instant timestamp = timestamp(index, node, fields);
        fields.throwIfAny(1);
        return new V3Record(new Event(Integer.toString(index), key.bytes(), value.bytes(), headers, partition,
                priority, timestamp), key.type(), value.type());
    }

    /** A key or value as stored, and its type as named (both null when absent). */
    private record Embedded(byte[] bytes, String type) {
        static final Embedded ABSENT = new Embedded(null, null);
    }

    private Embedded embedded(int index, String field, JsonNode node, EventFields fields) {
        if (node == null || node.isNull()) {
            return Embedded.ABSENT;
        }
        if (!node.isObject()) {
            fields.violation(index, field, ProblemType.INVALID_FIELD, field + " must be an object {\"type\": "
                    + "\"BINARY\" | \"JSON\" | \"STRING\", \"data\": ...}");
            return Embedded.ABSENT;
        }
        String schemaMember = SCHEMA_MEMBERS.stream().filter(m -> node.hasNonNull(m)).findFirst().orElse(null);
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            fields.violation(index, field + ".type", ProblemType.SCHEMA_NOT_SUPPORTED, field + " has no type, so "
                    + "REST Proxy would serialize it with a schema from Schema Registry"
                    + (schemaMember == null ? "" : " (it names " + schemaMember + ")") + ", and this gateway has "
                    + "none: send \"type\": \"BINARY\", \"JSON\" or \"STRING\"");
            return Embedded.ABSENT;
        }
        String type = typeNode.isTextual() ? typeNode.textValue().toUpperCase(Locale.ROOT) : null;
        if (type != null && SCHEMA_TYPES.contains(type)) {
            fields.violation(index, field + ".type", ProblemType.SCHEMA_NOT_SUPPORTED, field + " of type " + type
                    + " needs Schema Registry, and this gateway has none: send \"type\": \"BINARY\", \"JSON\" or "
                    + "\"STRING\"");
            return Embedded.ABSENT;
        }
        if (type == null || !TYPES.contains(type)) {
            fields.violation(index, field + ".type", ProblemType.INVALID_FIELD, field + ".type must be \"BINARY\", "
                    + "\"JSON\" or \"STRING\"" + (type == null ? "" : ", not " + EventFields.shown(type)));
            return Embedded.ABSENT;
        }
        if (schemaMember != null) {
            fields.violation(index, field + "." + schemaMember, ProblemType.INVALID_FIELD, field + " of type " + type
                    + " takes no " + schemaMember + " (a schema is for AVRO, JSONSCHEMA and PROTOBUF)");
            return Embedded.ABSENT;
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            return new Embedded(null, type);
        }
        return new Embedded(switch (type) {
            case "BINARY" -> fields.base64(index, field + ".data", data);
            case "JSON" -> json.bytes(data);
            default -> string(index, field + ".data", data, fields);
        }, type);
    }

    private static byte[] string(int index, String field, JsonNode data, EventFields fields) {
        if (!data.isTextual()) {
            fields.violation(index, field, ProblemType.INVALID_FIELD, field + " must be a string for type STRING");
            return null;
        }
        if (!EventFields.encodable(data.textValue())) {
            fields.violation(index, field, ProblemType.INVALID_FIELD, field + EventFields.UNPAIRED_SURROGATE);
            return null;
        }
        return data.textValue().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Header> headers(int index, JsonNode node, EventFields fields) {
        List<Header> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isArray()) {
            fields.violation(index, "headers", ProblemType.INVALID_HEADER, "headers must be an array of {name, value}");
            return headers;
        }
        for (int h = 0; h < node.size(); h++) {
            JsonNode header = node.get(h);
            JsonNode name = header.get("name");
            String where = "headers[" + h + "]";
            if (!header.isObject() || name == null || !name.isTextual()) {
                fields.violation(index, where + ".name", ProblemType.INVALID_HEADER, "a header needs a string name");
            } else if (!EventFields.encodable(name.textValue())) {
                fields.violation(index, where + ".name", ProblemType.INVALID_HEADER,
                        "the header name" + EventFields.UNPAIRED_SURROGATE);
            } else if (header.hasNonNull("value") && !header.get("value").isTextual()) {
                fields.violation(index, where + ".value", ProblemType.INVALID_HEADER,
                        "header " + EventFields.shown(name.textValue()) + " must have a base64 string value, or null");
            } else {
                headers.add(new RecordHeader(name.textValue(), fields.base64(index, where + ".value",
                        header.get("value"))));
            }
        }
        return headers;
    }

    /**
     * An ISO-8601 date-time (the API's {@code format: date-time}); the ingest time when absent. A number is refused
     * rather than guessed: epoch seconds and epoch milliseconds would store times 1000 times apart.
     */
    private static Instant timestamp(int index, JsonNode node, EventFields fields) {
        JsonNode field = node.get("timestamp");
        if (field == null || field.isNull()) {
            return Instant.now();
        }
        if (field.isTextual()) {
            try {
                Instant instant = Instant.parse(field.textValue());
                if (!instant.isBefore(Instant.EPOCH)) {
                    instant.toEpochMilli(); // throws beyond the range of a record timestamp
                    return instant;
                }
            } catch (DateTimeException | ArithmeticException e) {
                // reported below
            }
        }
        fields.violation(index, "timestamp", ProblemType.INVALID_FIELD, "timestamp must be an ISO-8601 date-time "
                + "from 1970 on, such as 2021-02-05T19:14:42Z");
        return Instant.now();
    }
}
