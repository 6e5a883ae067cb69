package io.producergateway.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The benchmark's view of Kafka, with Kafka's own admin client (run with target/kafka.classpath):
 * <ul>
 * <li>{@code create-topics --bootstrap <b> --partitions <n> <topic>[:<partitions>]...}: creates the topics (existing
 * ones are kept) and waits until every partition has a leader;</li>
 * <li>{@code await --bootstrap <b> --topic <t> --expected <n> [--timeout-s 60] [--settle-ms 2000] [--pid <pid>]
 * [--out <file>] [--wire-check <topic>=<schema id>,... --record-size <bytes>] [--size-check <topic>,...
 * --record-size <bytes>]}: polls the sum of the topic's end offsets until it reaches the number of events the service
 * acknowledged (or stops changing), and writes that verified count, when it was first seen, and the CPU ticks of
 * {@code --pid} at that moment; when {@code --wire-check} names the topic, it also reads the topic's first record and
 * fails unless it is in Confluent's wire format (magic byte 0, that schema id), {@code --record-size} bytes long, and
 * decodes as {@link LoadGenerator#AVRO_SCHEMA}; when {@code --size-check} names it, it reads the first record and fails
 * unless its value is a JSON string of {@code --record-size} bytes, quotes included;</li>
 * <li>{@code await-all --bootstrap <b> <topic>=<expected>=<out file>...}: {@code await} for several topics in one JVM;</li>
 * <li>{@code count --bootstrap <b> <topic>...}: prints each topic's sum of end offsets.</li>
 * </ul>
 * The topics are fresh, so the sum of the end offsets is exactly the number of records Kafka holds.
 */
public final class BenchKafka {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: BenchKafka create-topics|await|await-all|count [options]");
            System.exit(2);
        }
        String command = args[0];
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.getOrDefault("bootstrap", "127.0.0.1:9092"));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "producer-gateway-bench");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(config)) {
            switch (command) {
                case "create-topics" -> createTopics(admin, Integer.parseInt(options.getOrDefault("partitions", "6")),
                        positional);
                case "await" -> await(admin, options);
                case "await-all" -> {
                    // <topic>=<expected>=<out file>...: the same as await for each, one after the other, in one JVM
                    for (String spec : positional) {
                        String[] parts = spec.split("=", 3);
                        Map<String, String> one = new HashMap<>(options);
                        one.put("topic", parts[0]);
                        one.put("expected", parts[1]);
                        one.put("out", parts[2]);
                        await(admin, one);
                    }
                }
                case "count" -> {
                    for (String topic : positional) {
                        System.out.println(topic + " " + count(admin, topic));
                    }
                }
                default -> {
                    System.err.println("unknown command " + command);
                    System.exit(2);
                }
            }
        }
    }

    private static void createTopics(Admin admin, int partitions, List<String> topics) throws Exception {
        // <name> or <name>:<partitions>
        List<NewTopic> wanted = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String spec : topics) {
            int colon = spec.lastIndexOf(':');
            String name = colon > 0 ? spec.substring(0, colon) : spec;
            int n = colon > 0 ? Integer.parseInt(spec.substring(colon + 1)) : partitions;
            counts.put(name, n);
            wanted.add(new NewTopic(name, n, (short) 1));
        }
        try {
            admin.createTopics(wanted).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean ready = true;
            try {
                for (TopicDescription d : admin.describeTopics(counts.keySet()).allTopicNames().get(10, TimeUnit.SECONDS)
                        .values()) {
                    ready &= d.partitions().size() == counts.get(d.name())
                            && d.partitions().stream().allMatch(p -> p.leader() != null);
                }
            } catch (ExecutionException e) {
                ready = false;
            }
            if (ready) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + counts.keySet() + " have no leaders after 60 s");
            }
            Thread.sleep(100);
        }
        System.out.println("BenchKafka: topics ready: " + counts);
    }

    private static long count(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long sum = 0;
        for (var info : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values()) {
            sum += info.offset();
        }
        return sum;
    }

    private static void await(Admin admin, Map<String, String> options) throws Exception {
        String topic = options.get("topic");
        long expected = Long.parseLong(options.getOrDefault("expected", "0"));
        long timeoutMs = Long.parseLong(options.getOrDefault("timeout-s", "60")) * 1000;
        long settleMs = Long.parseLong(options.getOrDefault("settle-ms", "2000"));
        long pid = Long.parseLong(options.getOrDefault("pid", "-1"));
        long started = System.currentTimeMillis();
        long last = -1;
        long lastChange = started;
        long reachedAt = -1;
        long ticksAtReached = -1;
        int polls = 0;
        boolean firstPoll = false;
        String how;
        while (true) {
            long ticks = ticks(pid);
            long now = System.currentTimeMillis();
            long sum = count(admin, topic);
            polls++;
            if (sum != last) {
                last = sum;
                lastChange = now;
                reachedAt = now;
                ticksAtReached = ticks;
                firstPoll = polls == 1;
            }
            if (sum >= expected) {
                how = sum == expected ? "all acknowledged events are in Kafka" : "Kafka holds more than acknowledged";
                break;
            }
            if (now - lastChange >= settleMs) {
                how = "stable below the acknowledged count";
                break;
            }
            if (now - started >= timeoutMs) {
                how = "timeout";
                break;
            }
            Thread.sleep(50);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("verified", Long.toString(last));
        out.put("expected", Long.toString(expected));
        out.put("reached_epoch_ms", Long.toString(reachedAt));
        out.put("reached_on_first_poll", Boolean.toString(firstPoll));
        out.put("service_ticks_verified", Long.toString(ticksAtReached));
        out.put("polls", Integer.toString(polls));
        out.put("verify_outcome", how);
        for (String wire : options.getOrDefault("wire-check", "").split(",")) {
            if (wire.startsWith(topic + "=") && last > 0) {
                int schemaId = Integer.parseInt(wire.substring(topic.length() + 1));
                out.putAll(wireCheck(options.get("bootstrap"), topic, schemaId,
                        Integer.parseInt(options.get("record-size"))));
            }
        }
        if (List.of(options.getOrDefault("size-check", "").split(",")).contains(topic) && last > 0) {
            out.putAll(sizeCheck(options.get("bootstrap"), topic, Integer.parseInt(options.get("record-size"))));
        }
        StringBuilder text = new StringBuilder();
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), text.toString());
        }
        System.out.println("BenchKafka: " + topic + ": " + last + " records in Kafka, " + expected
                + " acknowledged (" + how + ")");
        if (out.containsKey("wire_schema_id")) {
            System.out.println("BenchKafka: " + topic + ": its first record is in Confluent's wire format (magic byte "
                    + "0, schema id " + out.get("wire_schema_id") + ", " + out.get("wire_value_bytes") + " bytes), "
                    + "an Avro " + out.get("wire_avro_record"));
        }
        if (out.containsKey("size_value_bytes")) {
            System.out.println("BenchKafka: " + topic + ": its first record's value is a JSON string of "
                    + out.get("size_value_bytes") + " bytes");
        }
    }

    /**
     * Reads a topic's first record and checks that its value is what the JSON shapes mean to store: a JSON string
     * (the service stores a JSON value as its JSON text) of exactly --record-size bytes, as MB/s and the limit take.
     */
    private static Map<String, String> sizeCheck(String bootstrap, String topic, int recordSize) {
        ConsumerRecord<byte[], byte[]> first = firstRecord(bootstrap, topic, "size");
        byte[] value = first.value();
        String where = topic + "-" + first.partition() + " offset " + first.offset();
        if (value == null || value.length < 2 || value[0] != '"' || value[value.length - 1] != '"') {
            throw new IllegalStateException(where + " is not a JSON string");
        }
        if (value.length != recordSize) {
            throw new IllegalStateException(where + " is " + value.length + " bytes, not the --record-size "
                    + recordSize);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("size_partition", Integer.toString(first.partition()));
        out.put("size_offset", Long.toString(first.offset()));
        out.put("size_value_bytes", Integer.toString(value.length));
        return out;
    }

    /** The first record of a topic (of the lowest partition that has one), read within 30 s. */
    private static ConsumerRecord<byte[], byte[]> firstRecord(String bootstrap, String topic, String check) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "producer-gateway-bench-" + check + "-check");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return records.iterator().next();
                }
            }
        }
        throw new IllegalStateException(topic + ": no record could be read within 30 s for the " + check + " check");
    }

    /**
     * Reads a topic's first record (of the lowest partition that has one) and checks what a Confluent deserializer
     * needs: magic byte 0, the schema id the service answered, and an Avro body of that schema with nothing left over.
     * Also checks that the value is --record-size bytes, which MB/s and the limit's comparison take as given.
     */
    private static Map<String, String> wireCheck(String bootstrap, String topic, int schemaId, int recordSize)
            throws IOException {
        ConsumerRecord<byte[], byte[]> first = firstRecord(bootstrap, topic, "wire-format");
        byte[] value = first.value();
        String where = topic + "-" + first.partition() + " offset " + first.offset();
        if (value == null || value.length < LoadGenerator.WIRE_HEADER || value[0] != 0) {
            throw new IllegalStateException(where + " is not in Confluent's wire format (no magic byte 0)");
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        if (id != schemaId) {
            throw new IllegalStateException(where + " names schema id " + id + ", not " + schemaId + " (the answer's)");
        }
        if (value.length != recordSize) {
            throw new IllegalStateException(where + " is " + value.length + " bytes, not the --record-size "
                    + recordSize);
        }
        var decoder = DecoderFactory.get().binaryDecoder(value, LoadGenerator.WIRE_HEADER,
                value.length - LoadGenerator.WIRE_HEADER, null);
        Schema schema = new Schema.Parser().parse(LoadGenerator.AVRO_SCHEMA);
        GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
        if (!decoder.isEnd()) {
            throw new IllegalStateException(where + " has bytes after its Avro record");
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("wire_partition", Integer.toString(first.partition()));
        out.put("wire_offset", Long.toString(first.offset()));
        out.put("wire_magic", "0");
        out.put("wire_schema_id", Integer.toString(id));
        out.put("wire_value_bytes", Integer.toString(value.length));
        out.put("wire_avro_record", "id " + record.get("id") + ", seq " + record.get("seq") + ", amount "
                + record.get("amount") + ", payload of " + record.get("payload").toString().length() + " letters");
        return out;
    }

    private static long ticks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }
}
