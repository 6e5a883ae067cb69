package io.producergateway.schema;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * A bounded cache of registry answers: at most {@code capacity} entries, the oldest evicted first. Concurrent asks
 * for a missing entry share one registry call. With a time to live, an older entry is asked for again, and still
 * served while the registry is unavailable. Failures are never kept: the next ask tries again.
 */
final class SchemaCache<K, V> {

    private final int capacity;
    private final long ttlNanos;
    private final Map<K, Entry<V>> entries = new LinkedHashMap<>();
    private final Map<K, Uni<V>> loads = new ConcurrentHashMap<>();

    private record Entry<V>(V value, long loadedAt) {
    }

    private SchemaCache(int capacity, long ttlNanos) {
        this.capacity = capacity;
        this.ttlNanos = ttlNanos;
    }

    /** For answers that never change (a schema's id, a subject's version). */
    static <K, V> SchemaCache<K, V> forGood(int capacity) {
        return new SchemaCache<>(capacity, Long.MAX_VALUE);
    }

    /** For answers that change (a subject's latest version), trusted for {@code ttl}. */
    static <K, V> SchemaCache<K, V> trustedFor(int capacity, Duration ttl) {
        return new SchemaCache<>(capacity, ttl.toNanos());
    }

    /** The cached value, or the one {@code load} gives (subscribed at most once for concurrent asks). */
    Uni<V> get(K key, Supplier<Uni<V>> load) {
        return Uni.createFrom().deferred(() -> {
            Entry<V> entry = entry(key);
            if (entry != null && System.nanoTime() - entry.loadedAt() < ttlNanos) {
                return Uni.createFrom().item(entry.value());
            }
            Uni<V> shared = loads.computeIfAbsent(key, k -> load.get()
                    .invoke(value -> put(k, value))
                    .onTermination().invoke(() -> loads.remove(k))
                    .memoize().indefinitely());
            return entry == null ? shared
                    : shared.onFailure(SchemaCache::unavailable).recoverWithItem(entry.value());
        });
    }

    /** Keeps a value learnt another way (a schema registered, or read by version, is also known by its id). */
    void remember(K key, V value) {
        put(key, value);
    }

    private synchronized Entry<V> entry(K key) {
        return entries.get(key);
    }

    private synchronized void put(K key, V value) {
        // Removed first, so that a refreshed entry counts as the newest.
        entries.remove(key);
        entries.put(key, new Entry<>(value, System.nanoTime()));
        while (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    private static boolean unavailable(Throwable failure) {
        return failure instanceof GatewayException e && e.type() == ProblemType.SCHEMA_REGISTRY_UNAVAILABLE;
    }
}
