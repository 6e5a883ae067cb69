package io.producergateway.schema;

import java.nio.ByteBuffer;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What the produce APIs ask of schemas: resolve one through the registry (cached), and serialize JSON data with it
 * in Confluent's wire format. Every {@code Uni} fails with a {@link io.producergateway.event.GatewayException}:
 * schema-not-supported (no registry configured), unknown-schema, invalid-schema, schema-incompatible,
 * schema-registry-unavailable (with Retry-After), each within the configured timeout.
 *
 * <p>With the registry unavailable, what the caches hold keeps answering: schemas by id, versions, registrations,
 * and a subject's latest past gateway.schema-registry.latest-ttl (the last one known). What needs the registry fails
 * within gateway.schema-registry.timeout, and at once for a second after a connection to it failed.
 */
@ApplicationScoped
public class Schemas {

    private static final byte MAGIC = 0;

    private final SchemaFormats formats;
    private final Optional<RegistryClient> client;
    private final Optional<CachingRegistry> registry;
    private final SubjectNameStrategy strategy;
    private final GovernedTopics governed;

    public Schemas(GatewayConfig config, SchemaFormats formats, TlsConfigurationRegistry tls, ObjectMapper json) {
        GatewayConfig.SchemaRegistry settings = config.schemaRegistry();
        this.formats = formats;
        this.client = RegistrySettings.of(settings, tls)
                .map(s -> new RegistryClient(s, json, Infrastructure.getDefaultExecutor()));
        this.registry = client.map(c -> new CachingRegistry(c, formats::parse, config.schemas().autoRegister(),
                settings.cacheSize(), settings.latestTtl()));
        // Both checked at startup (SchemaSettingsCheck): they convert.
        this.strategy = SubjectNames.strategy(config.schemas().subjectNameStrategy());
        this.governed = new GovernedTopics(config.schemas().topics());
    }

    /** Whether a registry is configured (gateway.schema-registry.url). */
    public boolean enabled() {
        return registry.isPresent();
    }

    /** The schema with this global id; ids are immutable, so cached for good. */
    public Uni<ResolvedSchema> byId(int id) {
        return registry().flatMap(r -> r.byId(id));
    }

    /** The latest version of the subject, cached for gateway.schema-registry.latest-ttl. */
    public Uni<ResolvedSchema> latest(String subject) {
        return registry().flatMap(r -> r.latest(subject));
    }

    /** One version of the subject. */
    public Uni<ResolvedSchema> version(String subject, int version) {
        return registry().flatMap(r -> version > 0 ? r.version(subject, version)
                : Uni.createFrom().failure(new GatewayException(ProblemType.UNKNOWN_SCHEMA,
                        "Subject '" + subject + "' has no version " + version + ": versions start at 1")));
    }

    /**
     * The id of this schema text under the subject: registered when gateway.schemas.auto-register is on (the
     * default), otherwise looked up (unknown-schema when the subject does not have it). The text is parsed first
     * (invalid-schema when it does not parse).
     */
    public Uni<ResolvedSchema> register(String subject, SchemaType type, String text) {
        return registry().flatMap(r -> Uni.createFrom().item(() -> formats.parse(type, text))
                .flatMap(schema -> r.register(subject, schema)));
    }

    /**
     * The subject of a key or value schema of the topic, by gateway.schemas.subject-name-strategy.
     *
     * @param schema the schema, or null when the request gave no text (a record strategy then cannot name it)
     */
    public String subject(String topic, boolean key, ParsedSchema schema) {
        return subject(topic, key, schema, strategy);
    }

    /** The subject of a key or value schema of the topic by this strategy (a request may name its own). */
    public String subject(String topic, boolean key, ParsedSchema schema, SubjectNameStrategy strategy) {
        requireRegistry();
        return SubjectNames.subject(strategy, topic, key, schema);
    }

    /**
     * A schema text parsed by its format, without the registry.
     *
     * @throws GatewayException invalid-schema
     */
    public ParsedSchema parse(SchemaType type, String text) {
        requireRegistry();
        return formats.parse(type, text);
    }

    /**
     * Whether gateway.schemas.topics."&lt;topic&gt;" governs the topic's keys or values. Always false without a
     * registry: the service does not start with governed topics and no registry.
     */
    public boolean governed(String topic) {
        return governed.governs(topic);
    }

    /**
     * The schema every key ({@code key} true) or value of a governed topic is written with: its subject's latest
     * (cached as {@link #latest}) or its pinned version; an item of null when that part of the topic is not governed.
     */
    public Uni<ResolvedSchema> governing(String topic, boolean key) {
        return registry().flatMap(r -> governed.governing(topic, key)
                .map(g -> g.version() == GovernedTopics.LATEST ? r.latest(g.subject()) : r.version(g.subject(),
                        g.version()))
                .orElseGet(() -> Uni.createFrom().nullItem()));
    }

    /**
     * The record bytes: magic byte 0, the schema id (4 bytes, big-endian), then the format's payload (Avro binary;
     * the JSON text for JSON Schema; the message indexes and the message for Protobuf).
     *
     * @throws SchemaViolation when the data does not match the schema
     */
    public byte[] serialize(ResolvedSchema schema, JsonNode data) {
        requireRegistry();
        byte[] payload = formats.payload(schema.schema(), data);
        return ByteBuffer.allocate(1 + Integer.BYTES + payload.length).put(MAGIC).putInt(schema.id()).put(payload)
                .array();
    }

    /** The registry's client, for the health check; empty without a registry. */
    Optional<RegistryClient> client() {
        return client;
    }

    private Uni<CachingRegistry> registry() {
        return Uni.createFrom().item(this::requireRegistry);
    }

    private CachingRegistry requireRegistry() {
        return registry.orElseThrow(() -> new GatewayException(ProblemType.SCHEMA_NOT_SUPPORTED,
                "Schema-based formats need a schema registry: set gateway.schema-registry.url"));
    }
}
