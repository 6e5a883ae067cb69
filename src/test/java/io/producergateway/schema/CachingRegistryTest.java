package io.producergateway.schema;

import static io.producergateway.schema.RegistryFixtures.avro;
import static io.producergateway.schema.RegistryFixtures.await;
import static io.producergateway.schema.RegistryFixtures.failure;
import static io.producergateway.schema.RegistryFixtures.registry;
import static io.producergateway.schema.RegistryFixtures.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.SharedSchemaRegistry;

/**
 * The registry client and its caches against a real Apicurio Registry, through Confluent's API under a path prefix
 * ({@code /apis/ccompat/v7}): what a produce request that names a schema gets back.
 */
class CachingRegistryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final String url = SharedSchemaRegistry.server().confluentUrl();
    private final CachingRegistry registry = registry(url, true, TIMEOUT, Duration.ofSeconds(30));

    @Test
    void theSameTextRegisteredTwiceHasOneIdAndThatIdGivesTheSchemaBack() throws Exception {
        String subject = subject("orders");
        TextSchema schema = avro("Order", "id");
        int first = await(registry.register(subject, schema)).id();
        // Another gateway instance, with caches of its own: the registry itself answers with the same id.
        int second = await(registry(url, true, TIMEOUT, Duration.ofSeconds(30)).register(subject, schema)).id();
        assertEquals(first, second);

        ResolvedSchema byId = await(registry.byId(first));
        assertEquals(first, byId.id());
        assertEquals(SchemaType.AVRO, byId.schema().type());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(schema.text()), json.readTree(byId.schema().text()));
    }

    @Test
    void aSubjectsVersionsAndLatestAreWhatWasRegisteredInOrder() {
        String subject = subject("versions");
        int v1 = await(registry.register(subject, avro("Item", "id"))).id();
        int v2 = await(registry.register(subject, avro("Item", "id", "name"))).id();
        assertNotEquals(v1, v2);

        assertEquals(v1, await(registry.version(subject, 1)).id());
        assertEquals(v2, await(registry.version(subject, 2)).id());
        ResolvedSchema latest = await(registry.latest(subject));
        assertEquals(v2, latest.id());
        assertTrue(latest.schema().text().contains("\"name\""), latest.schema().text());
    }

    @Test
    void latestIsTrustedForItsTtlAndThenAskedAgain() {
        String subject = subject("ttl");
        CachingRegistry shortTtl = registry(url, true, TIMEOUT, Duration.ofSeconds(1));
        int v1 = await(shortTtl.register(subject, avro("Tick", "id"))).id();
        assertEquals(v1, await(shortTtl.latest(subject)).id());

        int v2 = await(registry.register(subject, avro("Tick", "id", "at"))).id();
        assertEquals(v1, await(shortTtl.latest(subject)).id(), "within its TTL the cached latest is answered");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> await(shortTtl.latest(subject)).id() == v2);
    }

    @Test
    void withAutoRegisterOffATextTheSubjectLacksIsAnUnknownSchema() {
        String subject = subject("lookup");
        int registered = await(registry.register(subject, avro("Known", "id"))).id();
        CachingRegistry lookupOnly = registry(url, false, TIMEOUT, Duration.ofSeconds(30));

        assertEquals(registered, await(lookupOnly.register(subject, avro("Known", "id"))).id());
        GatewayException unknown = failure(ProblemType.UNKNOWN_SCHEMA,
                lookupOnly.register(subject, avro("Unknown", "id")));
        assertTrue(unknown.getMessage().contains(subject), unknown.getMessage());
        failure(ProblemType.UNKNOWN_SCHEMA, lookupOnly.register(subject("never-registered"), avro("Known", "id")));
        // Looking up never registered it.
        failure(ProblemType.UNKNOWN_SCHEMA, registry(url, false, TIMEOUT, Duration.ofSeconds(30))
                .register(subject, avro("Unknown", "id")));
    }

    @Test
    void anUnknownIdSubjectOrVersionIsAnUnknownSchemaSayingWhich() {
        GatewayException id = failure(ProblemType.UNKNOWN_SCHEMA, registry.byId(987_654_321));
        assertTrue(id.getMessage().contains("987654321"), id.getMessage());

        String subject = subject("unknown");
        GatewayException noSubject = failure(ProblemType.UNKNOWN_SCHEMA, registry.latest(subject));
        assertTrue(noSubject.getMessage().contains(subject), noSubject.getMessage());
        await(registry.register(subject, avro("Thing", "id")));
        GatewayException noVersion = failure(ProblemType.UNKNOWN_SCHEMA, registry.version(subject, 7));
        assertTrue(noVersion.getMessage().contains("7"), noVersion.getMessage());
    }

    @Test
    void anIncompatibleChangeIsRefusedWithTheRegistrysReason() throws Exception {
        String subject = subject("compatible");
        await(registry.register(subject, avro("Payment", "id")));
        RegistryFixtures.compatibility(url, subject, "BACKWARD");

        // A new field without a default: records written before cannot be read with it.
        GatewayException refused = failure(ProblemType.SCHEMA_INCOMPATIBLE,
                registry.register(subject, avro("Payment", "id", "amount")));
        assertEquals(409, refused.type().status());
        assertTrue(refused.getMessage().contains("amount"), refused.getMessage());
        assertFalse(refused.getMessage().contains("Exception"), "no class names: " + refused.getMessage());
    }

    @Test
    void aTextTheRegistryCannotReadIsAnInvalidSchemaWithItsMessage() {
        GatewayException invalid = failure(ProblemType.INVALID_SCHEMA, registry.register(subject("invalid"),
                TextSchema.parse(SchemaType.AVRO, "{\"type\": \"record\", \"name\": ")));
        assertFalse(invalid.getMessage().isBlank());
    }

    @Test
    void aSubjectWithSpacesAndSlashesIsOneSubject() {
        String subject = "a b/c " + subject("odd");
        int id = await(registry.register(subject, avro("Odd", "id"))).id();
        assertEquals(id, await(registry.latest(subject)).id());
    }
}
