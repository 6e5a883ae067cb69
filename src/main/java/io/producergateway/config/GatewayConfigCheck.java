package io.producergateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start the service when a {@code gateway.*} value is out of range or contradicts another, with one message
 * that names every offending key. SmallRye Config has already converted each value to its type (durations, patterns,
 * grants, partition ranges) and stopped on any that does not convert; this checks what a type cannot say. It observes
 * startup first (priority 1), before any bean that serves requests exists.
 */
@ApplicationScoped
public class GatewayConfigCheck {

    void onStart(@Observes @Priority(1) StartupEvent event, GatewayConfig gateway, PartitioningConfig partitioning) {
        List<String> problems = problems(gateway, partitioning);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration, the service will not start:\n - "
                    + String.join("\n - ", problems));
        }
    }

    /** Every problem found, each naming its key; empty when the configuration is valid. */
    public static List<String> problems(GatewayConfig gateway, PartitioningConfig partitioning) {
        List<String> problems = new ArrayList<>();
        if (gateway.instanceId().isBlank()) {
            problems.add("gateway.instance-id must not be blank: the atomic channel's transactional.id comes from it");
        }
        GatewayConfig.Delivery delivery = gateway.delivery();
        positive(problems, "gateway.delivery.timeout", delivery.timeout());
        atLeast(problems, "gateway.delivery.max-in-flight", delivery.maxInFlight(), 1);
        atLeast(problems, "gateway.delivery.max-in-flight-bytes", delivery.maxInFlightBytes(), 1);
        atLeast(problems, "gateway.delivery.retry-after-seconds", delivery.retryAfterSeconds(), 0);
        if (delivery.profiles().isEmpty()) {
            problems.add("gateway.delivery.profiles must name at least one profile (durable, leader, fire-and-forget)");
        }
        atLeast(problems, "gateway.ingest.max-events-per-request", gateway.ingest().maxEventsPerRequest(), 1);
        if (gateway.ingest().maxEventsPerRequest() > delivery.maxInFlight()) {
            problems.add("gateway.ingest.max-events-per-request=" + gateway.ingest().maxEventsPerRequest()
                    + " is above gateway.delivery.max-in-flight=" + delivery.maxInFlight()
                    + ": such a request could never be accepted; lower the first or raise the second");
        }
        positive(problems, "gateway.ingest.body-timeout", gateway.ingest().bodyTimeout());
        positive(problems, "gateway.topics.metadata-max-age", gateway.topics().metadataMaxAge());
        positive(problems, "gateway.topics.lookup-timeout", gateway.topics().lookupTimeout());
        positive(problems, "gateway.health.kafka-timeout", gateway.health().kafkaTimeout());
        if (gateway.shutdown().drainTimeout().isNegative()) {
            problems.add("gateway.shutdown.drain-timeout must not be negative (it is "
                    + gateway.shutdown().drainTimeout() + ")");
        }
        atLeast(problems, "gateway.stream.window", gateway.stream().window(), 1);
        atLeast(problems, "gateway.stream.max-line-bytes", gateway.stream().maxLineBytes(), 1);
        positive(problems, "gateway.stream.idle-timeout", gateway.stream().idleTimeout());
        positive(problems, "gateway.stream.max-duration", gateway.stream().maxDuration());
        atLeast(problems, "gateway.auth.max-streams-per-principal", gateway.auth().maxStreamsPerPrincipal(), 1);
        quota(problems, "gateway.auth.quota", gateway.auth().quota());
        gateway.auth().quotas().forEach((principal, quota) -> quota(problems, "gateway.auth.quotas.\"" + principal
                + "\"", quota));
        levels(problems, partitioning);
        return problems;
    }

    private static void levels(List<String> problems, PartitioningConfig partitioning) {
        Set<String> levels = new TreeSet<>(partitioning.levels());
        if (levels.isEmpty() || levels.stream().anyMatch(String::isBlank)) {
            problems.add("gateway.partitioning.levels must be a list of non-blank level names (it is "
                    + partitioning.levels() + ")");
        }
        partitioning.topics().forEach((topic, ranges) -> unknownLevels(problems,
                "gateway.partitioning.topics.\"" + topic + "\"", ranges, levels));
        unknownLevels(problems, "gateway.partitioning.defaults", partitioning.defaults(), levels);
    }

    private static void unknownLevels(List<String> problems, String prefix, Map<String, PartitionRange> ranges,
            Set<String> levels) {
        for (String level : new TreeSet<>(ranges.keySet())) {
            if (!levels.contains(level)) {
                problems.add(prefix + "." + level + ": " + level + " is not a priority level; levels are " + levels
                        + " (gateway.partitioning.levels)");
            }
        }
    }

    private static void quota(List<String> problems, String prefix, GatewayConfig.Auth.Quota quota) {
        quota.eventsPerSecond().ifPresent(n -> atLeast(problems, prefix + ".events-per-second", n, 1));
        quota.bytesPerSecond().ifPresent(n -> atLeast(problems, prefix + ".bytes-per-second", n, 1));
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(key + " must be positive (it is " + value + ")");
        }
    }

    private static void atLeast(List<String> problems, String key, long value, long minimum) {
        if (value < minimum) {
            problems.add(key + " must be at least " + minimum + " (it is " + value + ")");
        }
    }
}
