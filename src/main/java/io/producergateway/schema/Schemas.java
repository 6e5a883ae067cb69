package io.producergateway.schema;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * What the produce APIs ask of schemas: resolve one through the registry (cached), and serialize JSON data with it
 * in Confluent's wire format. Every {@code Uni} fails with a {@link io.producergateway.event.GatewayException}:
 * schema-not-supported (no registry configured), unknown-schema, invalid-schema, schema-incompatible,
 * schema-registry-unavailable (with Retry-After), each within the configured timeout.
 */
@ApplicationScoped
public class Schemas {

    /** Whether a registry is configured (gateway.schema-registry.url). */
    public boolean enabled() {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /** The schema with this global id; ids are immutable, so cached for good. */
    public Uni<ResolvedSchema> byId(int id) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /** The latest version of the subject, cached for gateway.schema-registry.latest-ttl. */
    public Uni<ResolvedSchema> latest(String subject) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /** One version of the subject. */
    public Uni<ResolvedSchema> version(String subject, int version) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /**
     * The id of this schema text under the subject: registered when gateway.schemas.auto-register is on (the
     * default), otherwise looked up (unknown-schema when the subject does not have it). The text is parsed first
     * (invalid-schema when it does not parse).
     */
    public Uni<ResolvedSchema> register(String subject, SchemaType type, String text) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /** The subject of a key or value schema of the topic, by gateway.schemas.subject-name-strategy. */
    public String subject(String topic, boolean key, ParsedSchema schema) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /** The subject of a key or value schema of the topic by this strategy (a request may name its own). */
    public String subject(String topic, boolean key, ParsedSchema schema, SubjectNameStrategy strategy) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /**
     * A schema text parsed by its format, without the registry.
     *
     * @throws io.producergateway.event.GatewayException invalid-schema
     */
    public ParsedSchema parse(SchemaType type, String text) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /** Whether gateway.schemas.topics."&lt;topic&gt;" governs the topic's keys or values. */
    public boolean governed(String topic) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /**
     * The schema every key ({@code key} true) or value of a governed topic is written with: its subject's latest
     * (cached as {@link #latest}) or its pinned version; an item of null when that part of the topic is not governed.
     */
    public Uni<ResolvedSchema> governing(String topic, boolean key) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /**
     * The record bytes: magic byte 0, the schema id (4 bytes, big-endian), then the format's payload (Avro binary;
     * the JSON text for JSON Schema; the message indexes and the message for Protobuf).
     *
     * @throws SchemaViolation when the data does not match the schema
     */
    public byte[] serialize(ResolvedSchema schema, JsonNode data) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }
}
