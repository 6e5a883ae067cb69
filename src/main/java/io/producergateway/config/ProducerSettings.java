package io.producergateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The effective Kafka producer settings of one channel and the rules the gateway holds them to: the rules of the
 * seed (idempotence needs acks=all and at most 5 requests in flight, a batch never above the buffer memory) and
 * the ones that keep waits bounded.
 */
public final class ProducerSettings {

    static final Set<String> COMPRESSION_TYPES = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Set<String> ACKS = Set.of("0", "1", "all", "-1");

    private final String channel;
    private final Function<String, Optional<String>> lookup;
    private final List<String> errors = new ArrayList<>();

    private ProducerSettings(String channel, Function<String, Optional<String>> lookup) {
        this.channel = channel;
        this.lookup = lookup;
    }

    /**
     * Checks the settings of a channel, read through {@code config} by full property name, in the order the Kafka
     * connector applies them: the channel's own {@code mp.messaging.outgoing.<channel>.<key>}, then the connector's
     * {@code mp.messaging.connector.smallrye-kafka.<key>} (shared by every channel), then the cluster's
     * {@code kafka.<key>}.
     *
     * @return the problems found, each naming the keys and the fix; empty when the settings are valid
     */
    public static List<String> problems(String channel, Function<String, Optional<String>> config) {
        ProducerSettings settings = new ProducerSettings(channel, config);
        settings.check();
        return List.copyOf(settings.errors);
    }

    /** True when the channel runs with acks=0: nothing is acknowledged, offsets are unknown. */
    public static boolean fireAndForget(String channel, Function<String, Optional<String>> config) {
        return "0".equals(new ProducerSettings(channel, config).acks());
    }

    public static String key(String channel, String kafkaKey) {
        return "mp.messaging.outgoing." + channel + "." + kafkaKey;
    }

    /** The key of a setting shared by every channel of the Kafka connector. */
    public static String connectorKey(String kafkaKey) {
        return "mp.messaging.connector.smallrye-kafka." + kafkaKey;
    }

    private void check() {
        String acks = acks();
        if (!ACKS.contains(acks)) {
            errors.add(name("acks") + "=" + acks + " is not valid: use all (durable), 1 (leader only) or 0 (no acknowledgement)");
        }
        boolean idempotent = Boolean.parseBoolean(value("enable.idempotence").orElse("true"));
        if (idempotent && !("all".equals(acks) || "-1".equals(acks))) {
            errors.add(name("enable.idempotence") + "=true requires " + name("acks") + "=all (it is " + acks
                    + "): set acks=all, or set enable.idempotence=false and accept that retries may duplicate events");
        }
        Long inFlight = number("max.in.flight.requests.per.connection", 5);
        if (inFlight != null && idempotent && inFlight > 5) {
            errors.add(name("enable.idempotence") + "=true requires " + name("max.in.flight.requests.per.connection")
                    + " <= 5 (it is " + inFlight + "): set it to 5 or less");
        }
        if (inFlight != null && inFlight < 1) {
            errors.add(name("max.in.flight.requests.per.connection") + " must be at least 1 (it is " + inFlight + ")");
        }
        Long batch = number("batch.size", 16384);
        Long buffer = number("buffer.memory", 33554432);
        if (batch != null && buffer != null && batch > buffer) {
            errors.add(name("batch.size") + "=" + batch + " is larger than " + name("buffer.memory") + "=" + buffer
                    + ": a batch never exceeds the producer's memory; lower batch.size or raise buffer.memory");
        }
        if (batch != null && batch < 0) {
            errors.add(name("batch.size") + " must not be negative (it is " + batch + ")");
        }
        String compression = value("compression.type").orElse("none").toLowerCase(Locale.ROOT);
        if (!COMPRESSION_TYPES.contains(compression)) {
            errors.add(name("compression.type") + "=" + compression + " is unknown: use one of none, gzip, snappy, lz4, zstd");
        }
        Long delivery = positive("delivery.timeout.ms", 120000);
        Long request = positive("request.timeout.ms", 30000);
        positive("max.block.ms", 60000);
        Long linger = number("linger.ms", 5);
        if (linger != null && linger < 0) {
            errors.add(name("linger.ms") + " must not be negative (it is " + linger + ")");
        }
        if (delivery != null && request != null && linger != null && delivery > 0 && request > 0
                && delivery < linger + request) {
            errors.add(name("delivery.timeout.ms") + "=" + delivery + " must be at least linger.ms + request.timeout.ms ("
                    + (linger + request) + "): raise delivery.timeout.ms or lower request.timeout.ms");
        }
    }

    private String acks() {
        return value("acks").orElse("1").trim().toLowerCase(Locale.ROOT);
    }

    private Long positive(String kafkaKey, long defaultValue) {
        Long value = number(kafkaKey, defaultValue);
        if (value != null && value <= 0) {
            errors.add(name(kafkaKey) + " must be a positive number of milliseconds (it is " + value + ")");
        }
        return value;
    }

    private Long number(String kafkaKey, long defaultValue) {
        Optional<String> raw = value(kafkaKey);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw.get().trim());
        } catch (NumberFormatException e) {
            errors.add(name(kafkaKey) + "=" + raw.get() + " is not a whole number");
            return null;
        }
    }

    private Optional<String> value(String kafkaKey) {
        return lookup.apply(name(kafkaKey));
    }

    /** The key the channel's value comes from (named in a problem), or the channel's own key when none is set. */
    private String name(String kafkaKey) {
        for (String candidate : List.of(key(channel, kafkaKey), connectorKey(kafkaKey), "kafka." + kafkaKey)) {
            if (lookup.apply(candidate).isPresent()) {
                return candidate;
            }
        }
        return key(channel, kafkaKey);
    }
}
