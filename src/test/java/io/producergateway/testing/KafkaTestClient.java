package io.producergateway.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/** What a test needs from Kafka itself: topics of its own, and every record read back. */
public final class KafkaTestClient {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrap;

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** A topic name no other test uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String createTopic(String name, int partitions) {
        return createTopic(name, partitions, Map.of());
    }

    public String createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Awaitility.await().atMost(WAIT).until(() -> admin.describeTopics(List.of(name)).allTopicNames()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).get(name).partitions().size() == partitions);
            return name;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + name, e);
        }
    }

    /** Creates the topic unless it exists already (topics shared by tests, like the dead-letter topic). */
    public void ensureTopic(String name, int partitions) {
        if (!topicExists(name)) {
            try {
                createTopic(name, partitions);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof ExecutionException ee
                        && ee.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    public void addPartitions(String topic, int totalPartitions) {
        try (Admin admin = admin()) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions))).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not add partitions to " + topic, e);
        }
    }

    public boolean topicExists(String topic) {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(WAIT.toSeconds(), TimeUnit.SECONDS).contains(topic);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not list topics", e);
        }
    }

    /** Every record in the topic now, all partitions, in partition then offset order. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return readAll(topic, "read_uncommitted");
    }

    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolationLevel) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(isolationLevel)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, WAIT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end in " + WAIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
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

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolationLevel) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
