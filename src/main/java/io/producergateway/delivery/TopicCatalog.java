package io.producergateway.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * Knows which topics exist and what each takes ({@link TopicInfo}: partitions, record size, timestamps), from the
 * cluster's metadata through an admin client, cached and refreshed in the background once older than
 * {@code gateway.topics.metadata-max-age}. The producer is only ever given topics found here, so the gateway never
 * creates a topic as a side effect of a request, even on brokers with auto-creation on.
 */
@Singleton
public class TopicCatalog {

    private static final Logger LOG = Logger.getLogger(TopicCatalog.class);
    /** Kafka's rule for topic names. */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /** Names known not to exist are remembered briefly, so a flood of bad names does not become a flood of lookups. */
    private static final long UNKNOWN_TTL_NANOS = 5_000_000_000L;
    private static final int MAX_REMEMBERED = 10_000;

    private final Admin admin;
    private final long maxAgeNanos;
    private final long lookupTimeoutMillis;
    private final List<Pattern> allowed;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TopicInfo>> lookups = new ConcurrentHashMap<>();

    public TopicCatalog(GatewayConfig config, KafkaAdmin admin) {
        this.maxAgeNanos = config.topics().metadataMaxAge().toNanos();
        this.lookupTimeoutMillis = admin.timeoutMillis();
        this.allowed = config.topics().allowed().orElse(List.of());
        this.admin = admin.client();
    }

    /**
     * The partition count and record size limit of a topic callers may produce to.
     *
     * @return fails with {@link GatewayException}: invalid-topic, unknown-topic (also for names outside the
     *         allow-list), or broker-unavailable when the cluster does not answer in time and the topic is not known
     */
    public Uni<TopicInfo> topic(String topic) {
        if (!LEGAL_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            return Uni.createFrom().failure(new GatewayException(ProblemType.INVALID_TOPIC,
                    "Topic names are 1 to 249 characters of a-z, A-Z, 0-9, '.', '_' and '-'"));
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(p -> p.matcher(topic).matches())) {
            return Uni.createFrom().failure(unknown(topic));
        }
        long now = System.nanoTime();
        Known entry = known.get(topic);
        if (entry != null) {
            if (now - entry.fetchedAt >= maxAgeNanos) {
                // Refreshed in the background: a known topic is answered at once, so events keep their order.
                lookUp(topic);
            }
            return Uni.createFrom().item(entry.info);
        }
        Long until = unknownUntil.get(topic);
        if (until != null && now - until < 0) {
            return Uni.createFrom().failure(unknown(topic));
        }
        // The admin calls are bounded themselves; this bound holds even if an answer were lost.
        return Uni.createFrom().completionStage(() -> lookUp(topic))
                .ifNoItem().after(Duration.ofMillis(2 * lookupTimeoutMillis)).failWith(TopicCatalog::noAnswer);
    }

    /** The lookup of a topic in progress, or a new one: one at a time per topic. */
    private CompletableFuture<TopicInfo> lookUp(String topic) {
        CompletableFuture<TopicInfo> created = new CompletableFuture<>();
        CompletableFuture<TopicInfo> running = lookups.putIfAbsent(topic, created);
        if (running != null) {
            return running;
        }
        // Started outside the map's own operations: an answer that is already there when the callbacks are attached
        // completes them on this thread, and they remove the lookup from the map.
        start(topic, created);
        return created;
    }

    private void start(String topic, CompletableFuture<TopicInfo> result) {
        int timeout = (int) lookupTimeoutMillis;
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeout)).allTopicNames()
                .toCompletionStage()
                .thenCombine(admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(timeout))
                        .all().toCompletionStage(), (descriptions, configs) -> TopicInfo.of(
                                descriptions.get(topic).partitions().size(), configs.get(resource)))
                .whenComplete((info, failure) -> {
                    lookups.remove(topic, result);
                    if (failure == null) {
                        remember(known, topic, new Known(info, System.nanoTime()));
                        result.complete(info);
                    } else if (DeliveryFailures.unwrap(failure) instanceof UnknownTopicOrPartitionException) {
                        known.remove(topic);
                        remember(unknownUntil, topic, System.nanoTime() + UNKNOWN_TTL_NANOS);
                        result.completeExceptionally(unknown(topic));
                    } else {
                        Known stale = known.get(topic);
                        if (stale != null) {
                            // The cluster does not answer: keep using what we knew; the producer bounds the wait.
                            result.complete(stale.info);
                        } else {
                            LOG.warnf("Topic metadata lookup failed: %s", DeliveryFailures.describe(failure));
                            result.completeExceptionally(noAnswer());
                        }
                    }
                });
    }

    private static GatewayException noAnswer() {
        return new GatewayException(ProblemType.BROKER_UNAVAILABLE,
                "The Kafka cluster did not answer a metadata request in time");
    }

    private static <V> void remember(Map<String, V> map, String topic, V value) {
        if (map.size() >= MAX_REMEMBERED) {
            map.clear();
        }
        map.put(topic, value);
    }

    private static GatewayException unknown(String topic) {
        return new GatewayException(ProblemType.UNKNOWN_TOPIC, "Topic " + topic
                + " does not exist or is not open to producers; the gateway does not create topics");
    }

    private record Known(TopicInfo info, long fetchedAt) {
    }
}
