package io.producergateway.schema;

import static io.producergateway.schema.RegistryFixtures.avro;
import static io.producergateway.schema.RegistryFixtures.await;
import static io.producergateway.schema.RegistryFixtures.failure;
import static io.producergateway.schema.RegistryFixtures.registry;
import static io.producergateway.schema.RegistryFixtures.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.SchemaRegistryServer;

/**
 * A registry of its own that goes away mid-run: what the caches hold keeps answering, what needs the registry fails
 * with schema-registry-unavailable and a Retry-After within the timeout, and once the registry is back the gateway
 * uses it again by itself.
 */
class RegistryOutageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The bound asserted: the timeout, and generous room for a busy machine. */
    private static final Duration BOUND = TIMEOUT.plusSeconds(2);

    private static SchemaRegistryServer server;

    @BeforeAll
    static void startRegistry() {
        server = SchemaRegistryServer.start("outage");
    }

    @AfterAll
    static void stopRegistry() {
        server.close();
    }

    @Test
    void cachedSchemasKeepAnsweringWhileTheRegistryIsDownAndItRecoversByItself() {
        String subject = subject("outage");
        // Latest is trusted for no time at all: only the outage makes the cache answer it.
        CachingRegistry registry = registry(server.confluentUrl(), true, TIMEOUT, Duration.ZERO);
        TextSchema cached = avro("Cached", "id");
        int cachedId = await(registry.register(subject, cached)).id();
        await(registry.byId(cachedId));
        await(registry.latest(subject));
        await(registry.version(subject, 1));
        // Registered by another instance, never seen by this one.
        int unseenId = await(registry(server.confluentUrl(), true, TIMEOUT, Duration.ZERO)
                .register(subject("unseen"), avro("Unseen", "id"))).id();

        server.stop();
        try {
            assertEquals(cachedId, await(registry.byId(cachedId)).id());
            assertEquals(cachedId, await(registry.latest(subject)).id(), "the last latest known, past its TTL");
            assertEquals(cachedId, await(registry.version(subject, 1)).id());
            assertEquals(cachedId, await(registry.register(subject, cached)).id());

            GatewayException unavailable = timedFailure(registry, unseenId);
            assertEquals(7, unavailable.retryAfterSeconds());
            assertEquals(503, unavailable.type().status());
            failure(ProblemType.SCHEMA_REGISTRY_UNAVAILABLE, registry.register(subject, avro("New", "id")));
        } finally {
            server.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .ignoreException(GatewayException.class)
                .until(() -> await(registry.byId(unseenId)).id() == unseenId);
    }

    @Test
    void aRegistryThatAcceptsButNeverAnswersFailsWithinTheTimeout() {
        CachingRegistry registry = registry(server.confluentUrl(), true, TIMEOUT, Duration.ZERO);
        int id = await(registry(server.confluentUrl(), true, TIMEOUT, Duration.ZERO)
                .register(subject("hung"), avro("Hung", "id"))).id();
        server.pause();
        try {
            GatewayException unavailable = timedFailure(registry, id);
            assertTrue(unavailable.getMessage().contains("2000 ms"), unavailable.getMessage());
            assertEquals(7, unavailable.retryAfterSeconds());
        } finally {
            server.resume();
        }
        assertEquals(id, await(registry.byId(id)).id());
    }

    /** A schema by id that the registry must give, failing unavailable within the bound. */
    private static GatewayException timedFailure(CachingRegistry registry, int id) {
        long start = System.nanoTime();
        GatewayException unavailable = failure(ProblemType.SCHEMA_REGISTRY_UNAVAILABLE, registry.byId(id));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(BOUND) < 0, "failed after " + took.toMillis() + " ms, bound " + BOUND);
        return unavailable;
    }
}
