package io.producergateway.partitioning;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.event.Event;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Where events land: evenly without a key, where the Java client puts a key, inside a priority's partitions; and a
 * user's own strategy bean replacing the gateway's. The replacement ({@link VipStrategy}, the docs' example) is active
 * for the whole class: it hands every event but a VIP's to the gateway's strategy, so the other tests see that one.
 */
@QuarkusTest
@TestProfile(PartitioningTest.PriorityTopics.class)
@WithTestResource(SharedKafka.class)
class PartitioningTest {

    static final String PRIORITY_TOPIC = KafkaTestClient.uniqueTopic("priorities");

    /**
     * high -> 0-1, normal -> 2-7, low -> 8-11 on a 12-partition topic; unlisted topics: high -> 0-9. The VIP strategy
     * enabled.
     */
    public static class PriorityTopics implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(VipStrategy.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.partitioning.topics.\"" + PRIORITY_TOPIC + "\".high", "0-1",
                    "gateway.partitioning.topics.\"" + PRIORITY_TOPIC + "\".normal", "2-7",
                    "gateway.partitioning.topics.\"" + PRIORITY_TOPIC + "\".low", "8-11",
                    "gateway.partitioning.defaults.high", "0-9",
                    "gateway.topics.metadata-max-age", "1s");
        }
    }

    private final KafkaTestClient kafka = SharedKafka.client();

    /**
     * The README's example: VIP customers get the last partition, everybody else the gateway's usual choice.
     * Users annotate theirs {@code @Alternative @Priority(1)}; the test enables it through its profile only.
     */
    @Alternative
    @ApplicationScoped
    public static class VipStrategy implements PartitionStrategy {
        private final DefaultPartitionStrategy usual;

        public VipStrategy(DefaultPartitionStrategy usual) {
            this.usual = usual;
        }

        @Override
        public PartitionChoice choose(String topic, int partitionCount, Event event) {
            if (event.key() != null && new String(event.key()).startsWith("vip-")) {
                return new PartitionChoice(partitionCount - 1, "vip");
            }
            return usual.choose(topic, partitionCount, event);
        }
    }

    @Test
    void aReplacementStrategyBeanTakesOver() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("vip"), 5);

        given().contentType("application/json").body("[{\"key\":\"vip-1\",\"value\":1},{\"key\":\"vip-2\",\"value\":2}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).body("partition", equalTo(java.util.List.of(4, 4)),
                        "partitionReason", equalTo(java.util.List.of("vip", "vip")));
        given().contentType("application/json").body("{\"key\":\"regular\",\"value\":3}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).body("partitionReason", equalTo("key-hash"),
                        "partition", equalTo(DefaultPartitionStrategy.keyHash("regular".getBytes(), 5)));

        assertEquals(Map.of(4, 2L), countByPartition(kafka.readAll(topic).stream()
                .filter(r -> new String(r.key()).startsWith("vip-")).toList()));
    }

    @Test
    void keylessEventsSpreadEvenlyAcrossPartitions() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("even"), 6);
        String batch = "[" + String.join(",", java.util.Collections.nCopies(100, "{\"value\":{\"n\":1}}")) + "]";
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                answers.add(clients.submit(() -> given().contentType("application/json").body(batch)
                        .post("/v1/topics/{topic}/events", topic).then().extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        Map<Integer, Long> perPartition = countByPartition(kafka.readAll(topic));
        assertEquals(Map.of(0, 1000L, 1, 1000L, 2, 1000L, 3, 1000L, 4, 1000L, 5, 1000L), perPartition);
    }

    @Test
    void keyedEventsLandWhereThePlainJavaProducerPutsThem() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("keys"), 7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add("customer-" + i + "-" + (i * 7919));
        }
        for (int from = 0; from < keys.size(); from += 250) {
            String body = keys.subList(from, from + 250).stream()
                    .map(k -> "{\"id\":\"" + k + "\",\"key\":\"" + k + "\",\"value\":1}")
                    .collect(Collectors.joining(",", "[", "]"));
            given().contentType("application/json").body(body).post("/v1/topics/{topic}/events", topic)
                    .then().statusCode(200).body("partitionReason", everyItem(equalTo("key-hash")));
        }
        try (KafkaProducer<String, String> java = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (String key : keys) {
                java.send(new ProducerRecord<>(topic, null, key, "java",
                        List.of(new RecordHeader("source", "java".getBytes(StandardCharsets.UTF_8)))));
            }
            java.flush();
        }

        Map<String, Integer> gateway = new HashMap<>();
        Map<String, Integer> plainProducer = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            (record.headers().lastHeader("source") != null ? plainProducer : gateway).put(key, record.partition());
        }
        assertEquals(1000, gateway.size());
        assertEquals(plainProducer, gateway);
        assertEquals(7, Set.copyOf(gateway.values()).size(), "1000 keys use every partition");
    }

    @Test
    void priorityKeepsEventsInsideItsPartitionsAndKeysStable() {
        kafka.ensureTopic(PRIORITY_TOPIC, 12);
        Map<String, int[]> ranges = Map.of("high", new int[] { 0, 1 }, "normal", new int[] { 2, 7 }, "low",
                new int[] { 8, 11 });
        for (String level : ranges.keySet()) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 200; i++) {
                body.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i % 40).append("\",\"priority\":\"")
                        .append(level).append("\",\"value\":\"").append(level).append("\"}");
            }
            given().contentType("application/json").body(body.append("]").toString())
                    .post("/v1/topics/{topic}/events", PRIORITY_TOPIC)
                    .then().statusCode(200).body("partitionReason", everyItem(equalTo("priority:" + level)));
        }

        Map<String, Map<String, Set<Integer>>> partitionsByLevelAndKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(PRIORITY_TOPIC)) {
            if (record.key() == null) {
                continue; // keyless events of the other tests on this topic
            }
            String level = new String(record.value(), StandardCharsets.UTF_8).replace("\"", "");
            String key = new String(record.key(), StandardCharsets.UTF_8);
            partitionsByLevelAndKey.computeIfAbsent(level, l -> new HashMap<>())
                    .computeIfAbsent(key, k -> new java.util.HashSet<>()).add(record.partition());
        }
        ranges.forEach((level, range) -> {
            Map<String, Set<Integer>> byKey = partitionsByLevelAndKey.get(level);
            assertEquals(40, byKey.size());
            byKey.forEach((key, partitions) -> {
                assertEquals(1, partitions.size(), level + " key " + key + " stays on one partition");
                int partition = partitions.iterator().next();
                assertTrue(partition >= range[0] && partition <= range[1], level + " -> " + partition);
            });
        });
        assertTrue(metrics().contains("reason=\"priority:high\""), "the reason is a meter tag");
    }

    @Test
    void keylessPriorityEventsGoRoundRobinInsideTheRange() {
        kafka.ensureTopic(PRIORITY_TOPIC, 12);
        String body = "{\"records\":[" + String.join(",", java.util.Collections.nCopies(60, "{\"value\":\"rr\"}")) + "]}";
        given().contentType(MediaTypes.JSON_V2).header("X-Priority", "normal").body(body)
                .post("/topics/{topic}", PRIORITY_TOPIC).then().statusCode(200);

        Map<Integer, Long> perPartition = countByPartition(kafka.readAll(PRIORITY_TOPIC).stream()
                .filter(r -> "\"rr\"".equals(new String(r.value(), StandardCharsets.UTF_8))).toList());
        assertEquals(Map.of(2, 10L, 3, 10L, 4, 10L, 5, 10L, 6, 10L, 7, 10L), perPartition);
    }

    @Test
    void explicitPartitionWinsOverPriority() {
        kafka.ensureTopic(PRIORITY_TOPIC, 12);
        given().contentType("application/json").body("{\"partition\":11,\"priority\":\"high\",\"value\":\"explicit\"}")
                .post("/v1/topics/{topic}/events", PRIORITY_TOPIC)
                .then().statusCode(200).body("partition", equalTo(11), "partitionReason", equalTo("explicit"));
    }

    @Test
    void priorityThatDoesNotFitTheTopicIs422AndAnUnknownLevelToo() {
        String small = kafka.createTopic(KafkaTestClient.uniqueTopic("small"), 4);
        given().contentType("application/json").body("{\"priority\":\"high\",\"value\":1}")
                .post("/v1/topics/{topic}/events", small)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:partition-out-of-range"),
                        // the caller's priority does not fit, not a partition the caller chose
                        "errors[0].field", equalTo("priority"), "errors[0].index", equalTo(0));
        given().contentType("application/json").body("{\"priority\":\"urgent\",\"value\":1}")
                .post("/v1/topics/{topic}/events", small)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:invalid-field"),
                        "errors[0].field", equalTo("priority"));
        given().contentType("application/json").body("{\"priority\":\"low\",\"value\":1}")
                .post("/v1/topics/{topic}/events", small)
                .then().statusCode(200).body("partitionReason", equalTo("round-robin"));
        assertEquals(1, kafka.readAll(small).size());
    }

    @Test
    void addedPartitionsAreUsedOnceTheMetadataIsRefreshed() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("growing"), 2);
        given().contentType("application/json").body("[{\"value\":1},{\"value\":2}]")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);

        kafka.addPartitions(topic, 4);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<Integer> partitions = given().contentType("application/json")
                    .body("[{\"value\":3},{\"value\":4},{\"value\":5},{\"value\":6}]")
                    .post("/v1/topics/{topic}/events", topic).then().statusCode(200).extract().jsonPath()
                    .getList("partition", Integer.class);
            return Set.copyOf(partitions).equals(Set.of(0, 1, 2, 3));
        });
        assertTrue(kafka.readAll(topic).stream().anyMatch(r -> r.partition() == 3));
    }

    static Map<Integer, Long> countByPartition(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition, TreeMap::new,
                Collectors.counting()));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static String id(ConsumerRecord<byte[], byte[]> record) {
        return Records.eventId(record);
    }
}
