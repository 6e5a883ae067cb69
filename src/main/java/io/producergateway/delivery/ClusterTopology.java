package io.producergateway.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.KafkaCluster;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * The cluster as callers may see it ({@link KafkaCluster}: id, controller, and every topic with its partitions,
 * replicas and configuration), from list and describe calls of the admin client only, so that reading metadata never
 * creates a topic. Internal topics (names starting with {@code __}) and topics outside {@code gateway.topics.allowed}
 * are left out. Cached: a snapshot older than {@code gateway.topics.metadata-max-age} is answered at once and
 * refreshed in the background; while the cluster does not answer, the last snapshot stays in use.
 */
@ApplicationScoped
public class ClusterTopology {

    private static final Logger LOG = Logger.getLogger(ClusterTopology.class);
    /** Kafka's rule for topic names. */
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /** How long a name asked for and not found is answered unknown without asking the cluster again. */
    private static final long MISSING_TTL_NANOS = 1_000_000_000L;
    private static final int MAX_MISSING = 10_000;

    private final Admin admin;
    private final int timeoutMillis;
    private final long maxAgeNanos;
    private final List<Pattern> allowed;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Snapshot>> refreshing = new AtomicReference<>();
    private final Map<String, Long> missing = new ConcurrentHashMap<>();

    public ClusterTopology(GatewayConfig config, KafkaAdmin admin) {
        this.admin = admin.client();
        this.timeoutMillis = admin.timeoutMillis();
        this.maxAgeNanos = config.topics().metadataMaxAge().toNanos();
        this.allowed = config.topics().allowed().orElse(List.of());
    }

    /**
     * The cluster as last seen, at most {@code gateway.topics.metadata-max-age} old unless the cluster stopped
     * answering; fails with broker-unavailable when it never answered in time.
     */
    public Uni<KafkaCluster> cluster() {
        Snapshot known = current.get();
        if (known != null) {
            if (System.nanoTime() - known.fetchedAt >= maxAgeNanos) {
                refresh(); // in the background: answered from what is known
            }
            return Uni.createFrom().item(known.cluster);
        }
        // The admin calls are bounded themselves (two rounds of them); this bound holds even if an answer were lost.
        return Uni.createFrom().completionStage(this::refresh).map(Snapshot::cluster)
                .ifNoItem().after(Duration.ofMillis(3L * timeoutMillis)).failWith(ClusterTopology::noAnswer);
    }

    /**
     * A topic that is not in the snapshot, asked of the cluster by name: it may have been created since. Null when it
     * does not exist or is not visible; broker-unavailable when the cluster does not answer in time. A name found
     * missing is not asked again for a second, so that a flood of unknown names is not a flood of lookups.
     */
    public Uni<KafkaCluster.Topic> lookUp(String topic) {
        Long until = missing.get(topic);
        if (!visible(topic) || until != null && System.nanoTime() - until < 0) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().completionStage(() -> describe(List.of(topic)))
                .ifNoItem().after(Duration.ofMillis(2L * timeoutMillis)).failWith(ClusterTopology::noAnswer)
                .onFailure(failure -> !(failure instanceof GatewayException)).transform(failure -> noAnswer())
                .map(found -> {
                    KafkaCluster.Topic described = found.get(topic);
                    if (described != null) {
                        refresh(); // a new topic: the lists should show it too, without waiting for max-age
                    } else {
                        if (missing.size() >= MAX_MISSING) {
                            missing.clear();
                        }
                        missing.put(topic, System.nanoTime() + MISSING_TTL_NANOS);
                    }
                    return described;
                });
    }

    /**
     * The fetch in progress, or a new one: one at a time. It completes with the new snapshot, or with the last one
     * when the cluster does not answer; it fails only when there is none.
     */
    private CompletableFuture<Snapshot> refresh() {
        CompletableFuture<Snapshot> created = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = refreshing.compareAndExchange(null, created);
        if (running != null) {
            return running;
        }
        fetch().whenComplete((cluster, failure) -> {
            refreshing.compareAndSet(created, null);
            Snapshot stale = current.get();
            if (failure == null) {
                Snapshot fresh = new Snapshot(cluster, System.nanoTime());
                current.set(fresh);
                created.complete(fresh);
            } else if (stale != null) {
                LOG.debugf("Cluster metadata refresh failed, keeping the last: %s", DeliveryFailures.describe(failure));
                created.complete(stale);
            } else {
                LOG.warnf("Cluster metadata lookup failed: %s", DeliveryFailures.describe(failure));
                created.completeExceptionally(noAnswer());
            }
        });
        return created;
    }

    private CompletableFuture<KafkaCluster> fetch() {
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs(timeoutMillis));
            CompletableFuture<String> id = future(cluster.clusterId());
            CompletableFuture<Node> controller = future(cluster.controller());
            return future(admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMillis)).names())
                    .thenCompose(this::describe)
                    .thenCombine(id, (topics, clusterId) -> new KafkaCluster(clusterId, -1, topics))
                    .thenCombine(controller, (found, node) -> new KafkaCluster(found.id(),
                            node == null || node.isEmpty() ? -1 : node.id(), found.topics()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Every visible topic with its partitions and configuration; one deleted meanwhile is left out. */
    private CompletableFuture<SortedMap<String, KafkaCluster.Topic>> describe(Collection<String> names) {
        List<String> visible = names.stream().filter(this::visible).sorted().toList();
        if (visible.isEmpty()) {
            return CompletableFuture.completedFuture(new TreeMap<>());
        }
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(visible,
                new DescribeTopicsOptions().timeoutMs(timeoutMillis)).topicNameValues();
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(visible.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList(),
                new DescribeConfigsOptions().timeoutMs(timeoutMillis)).values();
        List<CompletableFuture<Optional<KafkaCluster.Topic>>> topics = new ArrayList<>(visible.size());
        for (String name : visible) {
            CompletableFuture<Optional<TopicDescription>> description = settled(descriptions.get(name));
            CompletableFuture<Optional<Config>> config = settled(
                    configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)));
            topics.add(description.thenCombine(config, (d, c) -> d.isEmpty() || c.isEmpty() ? Optional.empty()
                    : Optional.of(topic(d.get(), c.get()))));
        }
        return CompletableFuture.allOf(topics.toArray(CompletableFuture[]::new)).thenApply(done -> {
            SortedMap<String, KafkaCluster.Topic> found = new TreeMap<>();
            topics.forEach(topic -> topic.join().ifPresent(t -> found.put(t.name(), t)));
            return found;
        });
    }

    private boolean visible(String topic) {
        return LEGAL_NAME.matcher(topic).matches() && !topic.startsWith("__")
                && (allowed.isEmpty() || allowed.stream().anyMatch(p -> p.matcher(topic).matches()));
    }

    private static KafkaCluster.Topic topic(TopicDescription description, Config config) {
        List<KafkaCluster.Partition> partitions = description.partitions().stream().map(p -> {
            int leader = p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id();
            List<KafkaCluster.Replica> replicas = p.replicas().stream().map(node -> new KafkaCluster.Replica(
                    node.id(), node.id() == leader, p.isr().stream().anyMatch(isr -> isr.id() == node.id())))
                    .toList();
            return new KafkaCluster.Partition(p.partition(), leader, replicas);
        }).sorted(Comparator.comparingInt(KafkaCluster.Partition::id)).toList();
        SortedMap<String, String> configs = new TreeMap<>();
        config.entries().stream().filter(entry -> entry.value() != null && !entry.isSensitive())
                .forEach(entry -> configs.put(entry.name(), entry.value()));
        return new KafkaCluster.Topic(description.name(), partitions, configs);
    }

    /** The answer of one topic; empty when the topic is gone or the gateway may not describe it. */
    private static <T> CompletableFuture<Optional<T>> settled(KafkaFuture<T> future) {
        return future(future).handle((value, failure) -> {
            if (failure == null) {
                return Optional.of(value);
            }
            if (DeliveryFailures.classify(failure) == ProblemType.UNKNOWN_TOPIC
                    || DeliveryFailures.unwrap(failure) instanceof AuthorizationException) {
                return Optional.empty();
            }
            throw new IllegalStateException(DeliveryFailures.describe(failure));
        });
    }

    private static <T> CompletableFuture<T> future(KafkaFuture<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }

    private static GatewayException noAnswer() {
        return new GatewayException(ProblemType.BROKER_UNAVAILABLE,
                "The Kafka cluster did not answer a metadata request in time");
    }

    private record Snapshot(KafkaCluster cluster, long fetchedAt) {
    }
}
