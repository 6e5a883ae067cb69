package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/** The caches' rules, with loads the test controls: one load for concurrent asks, a bound, no kept failures. */
class SchemaCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void concurrentAsksForAMissingEntryShareOneRegistryCall() {
        SchemaCache<Integer, String> cache = SchemaCache.forGood(10);
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<String> answer = new CompletableFuture<>();
        List<CompletableFuture<String>> asks = IntStream.range(0, 50)
                .mapToObj(i -> cache.get(1, () -> Uni.createFrom().completionStage(() -> {
                    loads.incrementAndGet();
                    return answer;
                })).subscribeAsCompletionStage()).toList();

        answer.complete("schema");
        for (CompletableFuture<String> ask : asks) {
            assertEquals("schema", ask.join());
        }
        assertEquals(1, loads.get());
        assertEquals("schema", cache.get(1, () -> Uni.createFrom().failure(new AssertionError("cached")))
                .await().atMost(WAIT));
    }

    @Test
    void aFailureIsNotKeptTheNextAskTriesAgain() {
        SchemaCache<Integer, String> cache = SchemaCache.forGood(10);
        assertThrows(GatewayException.class, () -> cache.get(1, () -> Uni.createFrom()
                .failure(unavailable())).await().atMost(WAIT));
        assertEquals("schema", cache.get(1, () -> Uni.createFrom().item("schema")).await().atMost(WAIT));
    }

    @Test
    void pastTheBoundTheOldestEntryIsAskedForAgain() {
        SchemaCache<Integer, String> cache = SchemaCache.forGood(2);
        AtomicInteger loads = new AtomicInteger();
        for (int key : new int[] {1, 2, 3, 3, 2, 1}) {
            cache.get(key, () -> Uni.createFrom().item(() -> "schema " + key + " load " + loads.incrementAndGet()))
                    .await().atMost(WAIT);
        }
        // 1, 2, 3 loaded; 3 and 2 cached; 1 evicted by 3, so loaded again.
        assertEquals(4, loads.get());
    }

    @Test
    void anEntryPastItsTtlIsServedOnlyWhileTheRegistryIsUnavailable() {
        SchemaCache<String, String> cache = SchemaCache.trustedFor(10, Duration.ZERO);
        assertEquals("v1", cache.get("s", () -> Uni.createFrom().item("v1")).await().atMost(WAIT));

        assertEquals("v1", cache.get("s", () -> Uni.createFrom().failure(unavailable())).await().atMost(WAIT));
        GatewayException unknown = assertThrows(GatewayException.class, () -> cache.get("s", () -> Uni.createFrom()
                .<String>failure(new GatewayException(ProblemType.UNKNOWN_SCHEMA, "deleted"))).await().atMost(WAIT));
        assertEquals(ProblemType.UNKNOWN_SCHEMA, unknown.type());
        assertEquals("v2", cache.get("s", () -> Uni.createFrom().item("v2")).await().atMost(WAIT));
    }

    private static GatewayException unavailable() {
        return new GatewayException(ProblemType.SCHEMA_REGISTRY_UNAVAILABLE, "down");
    }
}
