package io.producergateway.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerBuilder;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What a test needs from Kafka itself, on SmallRye's Kafka test companion: topics of its own, and every record read
 * back. Every wait is bounded by {@link #WAIT}.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long no new record must come before a partition whose end is a transaction marker counts as read. */
    private static final Duration SETTLE = Duration.ofMillis(100);
    private static final Comparator<ConsumerRecord<byte[], byte[]>> LOG_ORDER = Comparator
            .<ConsumerRecord<byte[], byte[]>> comparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);

    private final KafkaCompanion companion;

    public KafkaTestClient(String bootstrap) {
        this.companion = new KafkaCompanion(bootstrap, WAIT);
    }

    public String bootstrapServers() {
        return companion.getBootstrapServers();
    }

    /** A topic name no other test uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String createTopic(String name, int partitions) {
        companion.topics().createAndWait(name, partitions, WAIT);
        awaitLeaders(name, partitions);
        return name;
    }

    public String createTopic(String name, int partitions, Map<String, String> configs) {
        companion.topics().create(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
        companion.topics().waitForTopic(name).await().atMost(WAIT);
        awaitLeaders(name, partitions);
        return name;
    }

    /**
     * Until every partition's leader answers for it: a topic is listed before its partitions are loaded, and a write
     * sent then is refused (NOT_LEADER_OR_FOLLOWER), after which the idempotent producer can stay stuck on
     * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout. Asking each leader for the end offset waits that out.
     */
    private void awaitLeaders(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Awaitility.await().atMost(WAIT).ignoreExceptions()
                .until(() -> admin().listOffsets(latest).all().get(5, TimeUnit.SECONDS).size() == partitions);
    }

    /** Creates the topic unless it exists already (topics shared by tests, like the dead-letter topic). */
    public void ensureTopic(String name, int partitions) {
        if (!topicExists(name)) {
            try {
                createTopic(name, partitions);
            } catch (RuntimeException e) {
                if (!(rootCause(e) instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    public void addPartitions(String topic, int totalPartitions) {
        try {
            admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions))).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not add partitions to " + topic, e);
        }
    }

    public boolean topicExists(String topic) {
        return companion.topics().list().contains(topic);
    }

    /** Every record in the topic now, all partitions, in partition then offset order. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * Every record in the topic now that a consumer of this isolation level sees, read from each partition's first
     * offset to its end; the end is asked again until it no longer moves (right after a leader change the new
     * leader's high watermark can trail what was acknowledged for a moment). A partition is read when its last
     * record is in, or, where the end is a transaction marker rather than a record, when the consumer is past it and
     * nothing more came for {@link #SETTLE}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, IsolationLevel isolation) {
        Map<TopicPartition, Long> start = offsets(topic, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(topic, OffsetSpec.latest());
        if (start.equals(end)) {
            return List.of();
        }
        ConsumerBuilder<byte[], byte[]> consumer = companion.consume(byte[].class, byte[].class)
                .withIsolationLevel(isolation);
        try (ConsumerTask<byte[], byte[]> task = consumer.fromOffsets(start, Function.identity())) {
            Map<TopicPartition, Long> target = end;
            while (true) {
                Progress progress = new Progress();
                Map<TopicPartition, Long> reached = target;
                Awaitility.await().atMost(WAIT).pollInterval(SETTLE).until(() -> progress.done(task, consumer, start,
                        reached));
                Map<TopicPartition, Long> now = offsets(topic, OffsetSpec.latest());
                if (now.equals(target)) {
                    break;
                }
                target = now;
            }
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(task.stop().getRecords());
            records.sort(LOG_ORDER);
            return records;
        } finally {
            consumer.close();
        }
    }

    /** How far one read has come: the records in, and whether they stopped coming. */
    private static final class Progress {
        private long lastCount = -1;

        boolean done(ConsumerTask<byte[], byte[]> task, ConsumerBuilder<byte[], byte[]> consumer,
                Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
            List<ConsumerRecord<byte[], byte[]>> records = task.getRecords();
            Map<TopicPartition, Long> last = new HashMap<>();
            records.forEach(r -> last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max));
            boolean settled = records.size() == lastCount;
            lastCount = records.size();
            return end.entrySet().stream().allMatch(e -> e.getValue() <= start.get(e.getKey())
                    || last.getOrDefault(e.getKey(), -1L) >= e.getValue() - 1
                    || settled && positionOf(consumer, e.getKey()) >= e.getValue());
        }
    }

    /** Waits until the topic holds at least {@code count} records, and returns all of them. */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count) {
        List<List<ConsumerRecord<byte[], byte[]>>> holder = new ArrayList<>(List.of(List.of()));
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            holder.set(0, readAll(topic));
            return holder.get(0).size() >= count;
        });
        return holder.get(0);
    }

    /** The companion's admin client: closed with this client, never by the caller. */
    public Admin admin() {
        return companion.getOrCreateAdminClient();
    }

    @Override
    public void close() {
        companion.close();
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) {
        Set<TopicPartition> partitions = companion.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
        return companion.offsets().list(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long positionOf(ConsumerBuilder<byte[], byte[]> consumer, TopicPartition partition) {
        try {
            return consumer.position(partition);
        } catch (RuntimeException notYetAssigned) {
            return -1;
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
