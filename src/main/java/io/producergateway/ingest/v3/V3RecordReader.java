package io.producergateway.ingest.v3;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import io.producergateway.ingest.SchemaDraft;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.SchemaRef;
import io.producergateway.schema.SchemaType;
import io.producergateway.schema.SubjectNameStrategy;

/**
 * Reads one record of REST Proxy v3's produce request:
 * {@code {"partition_id"?, "headers"?: [{"name", "value": <base64>|null}], "key"?: {"type", "data"},
 * "value"?: {"type", "data"}, "timestamp"?: <ISO-8601>}}. A key or value of type BINARY is base64, stored as the
 * decoded bytes; JSON is any JSON, stored as its JSON text; STRING is a string, stored as its UTF-8 bytes. A key or
 * value that is absent, null, or has no data (or data null) is stored as null: without a value, a tombstone.
 * <p>
 * The schema types (AVRO, JSONSCHEMA, PROTOBUF), and a key or value without a type (as REST Proxy, the registry's
 * type), take JSON data written with a schema from the registry: named by {@code schema_id}, by
 * {@code schema_version} of the subject, by a {@code schema} text registered under the subject, or else the subject's
 * latest; the subject is {@code subject}, or follows from {@code subject_name_strategy} (TOPIC_NAME, RECORD_NAME,
 * TOPIC_RECORD_NAME; gateway.schemas.subject-name-strategy when absent). Such a record is read into a
 * {@link SchemaDraft}, written by {@link io.producergateway.ingest.SchemaEncoding}; without a registry it is refused
 * there with schema-not-supported (422): the gateway never stores bytes a schema-aware consumer would misread.
 */
@ApplicationScoped
public class V3RecordReader {

    static final Set<String> TYPES = Set.of("BINARY", "JSON", "STRING");
    static final Map<String, SchemaType> SCHEMA_TYPES = Map.of("AVRO", SchemaType.AVRO, "JSONSCHEMA",
            SchemaType.JSON, "PROTOBUF", SchemaType.PROTOBUF);
    /** The members of a key or value that say which schema it is written with, of which one at most is given. */
    private static final List<String> SCHEMA_CHOICES = List.of("schema_id", "schema_version", "schema");
    /** Every member that names a schema of Schema Registry. */
    private static final List<String> SCHEMA_MEMBERS = List.of("schema_id", "schema_version", "subject",
            "subject_name_strategy", "schema");

    private final Json json;
    private final SchemaEncoding encoding;

    public V3RecordReader(Json json, SchemaEncoding encoding) {
        this.json = json;
        this.encoding = encoding;
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
        Event event = new Event(Integer.toString(index), key.bytes(), value.bytes(), headers, partition, priority,
                timestamp);
        SchemaDraft draft = new SchemaDraft(index, event, key.data(), key.schema(), value.data(), value.schema());
        return new V3Record(event, key.type(), value.type(), draft);
    }

    /**
     * A key or value as read: its bytes, or its JSON data and the schema to write it with; its type as named (null
     * when absent, or when the registry's type is asked for).
     */
    private record Embedded(byte[] bytes, String type, JsonNode data, SchemaRef schema) {
        static final Embedded ABSENT = new Embedded(null, null, null, null);

        static Embedded stored(byte[] bytes, String type, JsonNode data) {
            return new Embedded(bytes, type, data, null);
        }
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
        if ((typeNode == null || typeNode.isNull()) && !encoding.enabled()) {
            fields.violation(index, field + ".type", ProblemType.SCHEMA_NOT_SUPPORTED, field + " has no type, so "
                    + "REST Proxy would serialize it with a schema from Schema Registry"
                    + (schemaMember == null ? "" : " (it names " + schemaMember + ")") + ", and this gateway has "
                    + "none (gateway.schema-registry.url): send \"type\": \"BINARY\", \"JSON\" or \"STRING\"");
            return Embedded.ABSENT;
        }
        if (typeNode == null || typeNode.isNull()) {
            return schema(index, field, node, null, null, fields);
        }
        String type = typeNode.isTextual() ? typeNode.textValue().toUpperCase(Locale.ROOT) : null;
        if (type != null && SCHEMA_TYPES.containsKey(type) && !encoding.enabled()) {
            fields.violation(index, field + ".type", ProblemType.SCHEMA_NOT_SUPPORTED, field + " of type " + type
                    + " needs Schema Registry, and this gateway has none (gateway.schema-registry.url): send "
                    + "\"type\": \"BINARY\", \"JSON\" or \"STRING\"");
            return Embedded.ABSENT;
        }
        if (type != null && SCHEMA_TYPES.containsKey(type)) {
            return schema(index, field, node, type, SCHEMA_TYPES.get(type), fields);
        }
        if (type == null || !TYPES.contains(type)) {
            fields.violation(index, field + ".type", ProblemType.INVALID_FIELD, field + ".type must be \"BINARY\", "
                    + "\"JSON\", \"STRING\", \"AVRO\", \"JSONSCHEMA\" or \"PROTOBUF\""
                    + (type == null ? "" : ", not " + EventFields.shown(type)));
            return Embedded.ABSENT;
        }
        if (schemaMember != null) {
            fields.violation(index, field + "." + schemaMember, ProblemType.INVALID_FIELD, field + " of type " + type
                    + " takes no " + schemaMember + " (a schema is for AVRO, JSONSCHEMA and PROTOBUF)");
            return Embedded.ABSENT;
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            return Embedded.stored(null, type, null);
        }
        return switch (type) {
            case "BINARY" -> Embedded.stored(fields.base64(index, field + ".data", data), type, null);
            case "JSON" -> Embedded.stored(json.bytes(data), type, data);
            default -> Embedded.stored(string(index, field + ".data", data, fields), type, null);
        };
    }

    /** A key or value written with a schema: its data, and how it names the schema. */
    private static Embedded schema(int index, String field, JsonNode node, String type, SchemaType schemaType,
            EventFields fields) {
        List<String> choices = SCHEMA_CHOICES.stream().filter(node::hasNonNull).toList();
        if (choices.size() > 1) {
            fields.violation(index, field + "." + choices.get(1), ProblemType.INVALID_FIELD, field + " names its "
                    + "schema by one of schema_id, schema_version and schema, not by " + String.join(" and ", choices));
            return Embedded.ABSENT;
        }
        Integer id = wholeNumber(index, field, node, "schema_id", 0, fields);
        Integer version = wholeNumber(index, field, node, "schema_version", 1, fields);
        String subject = text(index, field, node, "subject", fields);
        String text = text(index, field, node, "schema", fields);
        SubjectNameStrategy strategy = strategy(index, field, node, fields);
        JsonNode data = node.get("data");
        return new Embedded(null, type, data == null || data.isNull() ? null : data,
                new SchemaRef(schemaType, id, subject, version, text, strategy));
    }

    private static Integer wholeNumber(int index, String field, JsonNode node, String member, int min,
            EventFields fields) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
            fields.violation(index, field + "." + member, ProblemType.INVALID_FIELD, field + "." + member
                    + " must be a whole number from " + min);
            return null;
        }
        return value.intValue();
    }

    private static String text(int index, String field, JsonNode node, String member, EventFields fields) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            fields.violation(index, field + "." + member, ProblemType.INVALID_FIELD, field + "." + member
                    + " must be a non-empty string");
            return null;
        }
        return value.textValue();
    }

    private static SubjectNameStrategy strategy(int index, String field, JsonNode node, EventFields fields) {
        String name = text(index, field, node, "subject_name_strategy", fields);
        if (name == null) {
            return null;
        }
        try {
            return SubjectNameStrategy.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fields.violation(index, field + ".subject_name_strategy", ProblemType.INVALID_FIELD, field
                    + ".subject_name_strategy must be TOPIC_NAME, RECORD_NAME or TOPIC_RECORD_NAME, not "
                    + EventFields.shown(name));
            return null;
        }
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
