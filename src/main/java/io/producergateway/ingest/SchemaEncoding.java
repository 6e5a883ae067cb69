package io.producergateway.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.schema.ParsedSchema;
import io.producergateway.schema.ResolvedSchema;
import io.producergateway.schema.SchemaViolation;
import io.producergateway.schema.Schemas;
import io.producergateway.schema.SubjectNameStrategy;
import io.smallrye.mutiny.Uni;

/**
 * Writes the keys and values that need a schema, for every API alike: the schemas a request names are resolved
 * through the registry (each distinct one once), a governed topic's own schemas apply whatever the request names,
 * and the data is written in Confluent's wire format. A record that does not match is listed with its index and the
 * failing field's path, and nothing of the request is written.
 */
@Singleton
public class SchemaEncoding {

    private final Schemas schemas;

    public SchemaEncoding(Schemas schemas) {
        this.schemas = schemas;
    }

    /** Whether a schema registry is configured: without one, a key or value that needs a schema is refused. */
    public boolean enabled() {
        return schemas.enabled();
    }

    /** Whether the topic's keys or values are governed (gateway.schemas.topics): its events all go through here. */
    public boolean governed(String topic) {
        return schemas.governed(topic);
    }

    /**
     * The events, their keys and values written with their schemas.
     *
     * @return fails with a {@link GatewayException}: a schema that cannot be resolved (unknown-schema,
     *         invalid-schema, schema-incompatible, schema-registry-unavailable, schema-not-supported), or the records
     *         that do not match theirs (schema-mismatch, schema-required), every one listed
     */
    public Uni<Encoded> encode(String topic, List<SchemaDraft> drafts) {
        Map<Part, Uni<ResolvedSchema>> named = new LinkedHashMap<>();
        for (SchemaDraft draft : drafts) {
            if (draft.keySchema() != null) {
                named.computeIfAbsent(new Part(true, draft.keySchema()), part -> resolve(topic, part));
            }
            if (draft.valueSchema() != null) {
                named.computeIfAbsent(new Part(false, draft.valueSchema()), part -> resolve(topic, part));
            }
        }
        List<Part> parts = List.copyOf(named.keySet());
        Uni<Map<Part, ResolvedSchema>> resolved = parts.isEmpty() ? Uni.createFrom().item(Map.of())
                : Uni.join().all(List.copyOf(named.values())).andFailFast().map(schemas -> {
                    Map<Part, ResolvedSchema> byPart = new LinkedHashMap<>();
                    for (int i = 0; i < parts.size(); i++) {
                        byPart.put(parts.get(i), schemas.get(i));
                    }
                    return byPart;
                });
        if (!schemas.governed(topic)) {
            return resolved.map(byPart -> write(drafts, byPart, null, null));
        }
        return resolved.chain(byPart -> schemas.governing(topic, true).chain(key -> schemas.governing(topic, false)
                .map(value -> write(drafts, byPart, key, value))));
    }

    /**
     * The events as written, and the ids of the schemas their keys and values were written with (the first named,
     * or the governing one), as REST Proxy answers them; null where none.
     */
    public record Encoded(List<Event> events, Integer keySchemaId, Integer valueSchemaId) {
    }

    /** A key or value schema as a request names it: the same reference means another schema for keys and values. */
    private record Part(boolean key, SchemaRef ref) {
        String field() {
            return key ? "key" : "value";
        }
    }

    private Uni<ResolvedSchema> resolve(String topic, Part part) {
        SchemaRef ref = part.ref();
        return Uni.createFrom().deferred(() -> {
            if (ref.id() != null) {
                return schemas.byId(ref.id());
            }
            SubjectNameStrategy strategy = ref.strategy();
            if (ref.text() != null) {
                ParsedSchema parsed = schemas.parse(ref.type(), ref.text());
                return schemas.register(subject(topic, part, parsed, strategy), ref.type(), ref.text());
            }
            String subject = subject(topic, part, null, strategy);
            return ref.version() != null ? schemas.version(subject, ref.version()) : schemas.latest(subject);
        }).map(schema -> {
            if (ref.type() != null && schema.schema().type() != ref.type()) {
                throw new GatewayException(ProblemType.INVALID_SCHEMA, "The " + part.field() + " schema "
                        + schema.id() + " is a " + schema.schema().type() + " schema, not " + ref.type());
            }
            return schema;
        });
    }

    private String subject(String topic, Part part, ParsedSchema parsed, SubjectNameStrategy strategy) {
        if (part.ref().subject() != null) {
            return part.ref().subject();
        }
        return strategy == null ? schemas.subject(topic, part.key(), parsed)
                : schemas.subject(topic, part.key(), parsed, strategy);
    }

    private Encoded write(List<SchemaDraft> drafts, Map<Part, ResolvedSchema> named, ResolvedSchema governingKey,
            ResolvedSchema governingValue) {
        EventFields fields = new EventFields();
        List<Event> events = new ArrayList<>(drafts.size());
        for (SchemaDraft draft : drafts) {
            Event event = draft.event();
            byte[] key = part(draft.index(), "key", event.key(), draft.key(),
                    draft.keySchema() == null ? null : named.get(new Part(true, draft.keySchema())), governingKey,
                    fields);
            byte[] value = part(draft.index(), "value", event.value(), draft.value(),
                    draft.valueSchema() == null ? null : named.get(new Part(false, draft.valueSchema())),
                    governingValue, fields);
            events.add(new Event(event.id(), key, value, event.headers(), event.partition(), event.priority(),
                    event.timestamp()));
        }
        fields.throwIfAny(drafts.size());
        return new Encoded(events, id(named, true, governingKey), id(named, false, governingValue));
    }

    private static Integer id(Map<Part, ResolvedSchema> named, boolean key, ResolvedSchema governing) {
        if (governing != null) {
            return governing.id();
        }
        return named.entrySet().stream().filter(e -> e.getKey().key() == key).findFirst()
                .map(e -> e.getValue().id()).orElse(null);
    }

    /** A key's or value's bytes: as read, or its JSON data written with the schema named or governing. */
    private byte[] part(int index, String field, byte[] bytes, JsonNode data, ResolvedSchema named,
            ResolvedSchema governing, EventFields fields) {
        ResolvedSchema schema = named;
        if (governing != null) {
            if (named != null && named.id() != governing.id()) {
                fields.violation(index, field, ProblemType.SCHEMA_MISMATCH, field + " names schema " + named.id()
                        + ", but the topic's " + field + "s are governed by schema " + governing.id()
                        + " (gateway.schemas.topics)");
                return null;
            }
            if (named == null && data == null && bytes != null) {
                fields.violation(index, field, ProblemType.SCHEMA_REQUIRED, "The topic's " + field + "s are governed "
                        + "by schema " + governing.id() + " (gateway.schemas.topics): send the " + field
                        + " as JSON data, for the gateway to write it with that schema");
                return null;
            }
            schema = governing;
        }
        if (schema == null) {
            return bytes;
        }
        if (data == null || data.isNull()) {
            return null;
        }
        try {
            return schemas.serialize(schema, data);
        } catch (SchemaViolation violation) {
            String path = violation.path().isEmpty() ? field
                    : field + (violation.path().startsWith("[") ? "" : ".") + violation.path();
            fields.violation(index, path, ProblemType.SCHEMA_MISMATCH, path + " does not match schema "
                    + schema.id() + ": " + violation.getMessage());
            return null;
        }
    }
}
