package io.producergateway.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * JSON Schema: drafts 4, 6, 7, 2019-09 and 2020-12 by the schema's {@code $schema}, draft 7 when it has none (as
 * Confluent's). A schema is checked against its draft's meta-schema when parsed. No {@code $ref} leaves the schema
 * text: the only documents ever loaded are the drafts' own meta-schemas, from the validator's jar; a {@code $ref} to
 * anything else makes the schema invalid. The payload is the data's JSON text, compact, once it validates.
 */
final class JsonSchemaFormat implements SchemaFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed JSON Schema: the compiled validator and the title, if any. */
    record Parsed(String text, Schema validator, String recordName) implements ParsedSchema {

        @Override
        public SchemaType type() {
            return SchemaType.JSON;
        }
    }

    /**
     * Loads the drafts' meta-schemas (bundled) and nothing else: no network, no files, no class path. Caches no
     * schema by its {@code $id}: two versions of a subject often share one, and each must resolve its own refs.
     */
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaCacheEnabled(false).schemaLoader(loader -> loader
                    .fetchRemoteResources(false)
                    .block(iri -> !isMetaSchema(iri))));

    private final Map<SpecificationVersion, Schema> metaSchemas = new ConcurrentHashMap<>();

    @Override
    public SchemaType type() {
        return SchemaType.JSON;
    }

    @Override
    public ParsedSchema parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("the schema is empty");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("the schema is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw invalid("a schema is a JSON object or a boolean, found " + SchemaData.found(node));
        }
        SpecificationVersion version = SpecificationVersion.DRAFT_7;
        JsonNode dialect = node.get("$schema");
        if (dialect != null) {
            if (!dialect.isTextual()) {
                throw invalid("$schema is not a string");
            }
            Optional<SpecificationVersion> known = SpecificationVersion.fromDialectId(dialect.textValue());
            if (known.isEmpty()) {
                throw invalid("unsupported $schema \"" + dialect.textValue()
                        + "\" (supported: drafts 4, 6, 7, 2019-09 and 2020-12)");
            }
            version = known.get();
        }
        Schema validator;
        try {
            if (node.isObject()) {
                List<Error> errors = metaSchema(version).validate(node);
                if (!errors.isEmpty()) {
                    Error first = errors.get(0);
                    String at = path(first);
                    throw invalid((at.isEmpty() ? "" : "at " + at + ": ") + first.getMessage());
                }
            }
            validator = registry.getSchema(node);
            // Resolves every $ref now, so that one the schema cannot have fails here rather than at the first record.
            validator.initializeValidators();
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            throw invalid(message.contains("is not allowed to be loaded")
                    ? message + " (a $ref outside the schema text: schema references are not supported)"
                    : message);
        }
        JsonNode title = node.get("title");
        return new Parsed(text, validator, title != null && title.isTextual() ? title.textValue() : null);
    }

    @Override
    public byte[] payload(ParsedSchema schema, JsonNode data) {
        List<Error> errors;
        try {
            errors = ((Parsed) schema).validator().validate(data);
        } catch (RuntimeException e) {
            throw new SchemaViolation("", "the data could not be validated: " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            Error first = errors.get(0);
            throw new SchemaViolation(path(first), first.getMessage());
        }
        try {
            return JSON.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SchemaViolation("", "the data could not be written as JSON: " + e.getOriginalMessage());
        }
    }

    private Schema metaSchema(SpecificationVersion version) {
        return metaSchemas.computeIfAbsent(version, v -> {
            Schema meta = registry.getSchema(SchemaLocation.of(v.getDialectId()));
            meta.initializeValidators();
            return meta;
        });
    }

    /**
     * Where the error is, dotted ({@code address.city}, {@code tags[2]}); for a missing required property or one
     * that is not allowed, that property's own place rather than its object's.
     */
    static String path(Error error) {
        StringBuilder path = new StringBuilder();
        NodePath location = error.getInstanceLocation();
        if (location != null) {
            for (int i = 0; i < location.getNameCount(); i++) {
                Object element = location.getElement(i);
                if (element instanceof Integer index) {
                    path.append('[').append(index).append(']');
                } else {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(element);
                }
            }
        }
        String keyword = error.getKeyword();
        if (error.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword)
                || "unevaluatedProperties".equals(keyword))) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(error.getProperty());
        }
        return path.toString();
    }

    private static boolean isMetaSchema(AbsoluteIri iri) {
        String value = iri.toString();
        return value.startsWith("http://json-schema.org/") || value.startsWith("https://json-schema.org/");
    }

    private static GatewayException invalid(String detail) {
        return new GatewayException(ProblemType.INVALID_SCHEMA, "Invalid JSON Schema: " + detail);
    }
}
