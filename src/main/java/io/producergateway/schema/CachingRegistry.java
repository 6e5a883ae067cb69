package io.producergateway.schema;

import java.time.Duration;
import java.util.function.BiFunction;

import io.producergateway.schema.RegistryClient.RegistrySchema;
import io.smallrye.mutiny.Uni;

/**
 * The registry's schemas, parsed once and cached ({@link SchemaCache}): by id and by subject version for good (the
 * registry never changes them), registrations for good, a subject's latest for gateway.schema-registry.latest-ttl and
 * past it while the registry is unavailable.
 */
final class CachingRegistry {

    private final RegistryClient client;
    private final BiFunction<SchemaType, String, ParsedSchema> parser;
    private final boolean autoRegister;
    private final SchemaCache<Integer, ResolvedSchema> ids;
    private final SchemaCache<SubjectVersion, ResolvedSchema> versions;
    private final SchemaCache<String, ResolvedSchema> latest;
    private final SchemaCache<Registration, ResolvedSchema> registrations;

    private record SubjectVersion(String subject, int version) {
    }

    private record Registration(String subject, SchemaType type, String text) {
    }

    /**
     * @param parser how a registry's schema text is parsed (SchemaFormats#parse)
     * @param autoRegister whether {@link #register} registers, or only looks up
     */
    CachingRegistry(RegistryClient client, BiFunction<SchemaType, String, ParsedSchema> parser, boolean autoRegister,
            int cacheSize, Duration latestTtl) {
        this.client = client;
        this.parser = parser;
        this.autoRegister = autoRegister;
        this.ids = SchemaCache.forGood(cacheSize);
        this.versions = SchemaCache.forGood(cacheSize);
        this.latest = SchemaCache.trustedFor(cacheSize, latestTtl);
        this.registrations = SchemaCache.forGood(cacheSize);
    }

    Uni<ResolvedSchema> byId(int id) {
        return ids.get(id, () -> client.schema(id).map(this::resolved));
    }

    Uni<ResolvedSchema> latest(String subject) {
        return latest.get(subject, () -> client.version(subject, "latest").map(this::resolved).invoke(this::byItsId));
    }

    Uni<ResolvedSchema> version(String subject, int version) {
        return versions.get(new SubjectVersion(subject, version),
                () -> client.version(subject, Integer.toString(version)).map(this::resolved).invoke(this::byItsId));
    }

    /** The id of a parsed schema under the subject: registered, or only looked up when auto-register is off. */
    Uni<ResolvedSchema> register(String subject, ParsedSchema schema) {
        return registrations.get(new Registration(subject, schema.type(), schema.text()), () -> (autoRegister
                ? client.register(subject, schema.type(), schema.text())
                : client.lookup(subject, schema.type(), schema.text()))
                .map(id -> new ResolvedSchema(id, schema)).invoke(this::byItsId));
    }

    /** A schema learnt by subject is also known by its id: records naming that id need no registry call. */
    private void byItsId(ResolvedSchema schema) {
        ids.remember(schema.id(), schema);
    }

    private ResolvedSchema resolved(RegistrySchema schema) {
        return new ResolvedSchema(schema.id(), parser.apply(schema.type(), schema.text()));
    }
}
