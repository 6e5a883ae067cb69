package io.producergateway.delivery;

import static io.producergateway.testing.Records.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.ingest.EventReader;
import io.producergateway.testing.KafkaCluster;
import io.producergateway.testing.KafkaTestClient;

/**
 * The packaged service in front of a 3-node cluster (RF 3, min ISR 2) while nodes fail: a broker is killed under
 * load, then the whole cluster goes away and comes back. What is proven is what a caller relies on: an acknowledged
 * event is in Kafka exactly once, nothing is written twice, every failure is answered as one, and an event accepted
 * for asynchronous delivery ends in its topic or in the dead-letter topic.
 *
 * <p>
 * The gateway runs with its shipped settings (delivery.timeout.ms 15 s, readiness check 3 s); only its address and
 * port are given. Each test starts from a whole cluster and leaves one, so they run in any order.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS) // each test and each set-up; their own waits are shorter
class ClusterFailureIT {

    private static final String DEAD_LETTER_TOPIC = "producer-gateway-dead-letters";
    private static final int PARTITIONS = 6;
    private static final int SENDERS = 8;
    private static final int BATCH = 10;
    /**
     * Load before the kill (at least this long, and until 1000 events are acknowledged), and after it: past the 6 s
     * fencing of the dead node, the moves of its leaderships and the producer's retries.
     */
    private static final long LOAD_BEFORE_KILL_MILLIS = 3_000;
    private static final long LOAD_AFTER_KILL_MILLIS = 12_000;
    /** Above the gateway's own bound on a sync wait (gateway.delivery.timeout 20 s): an unanswered request is a bug. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * With the cluster gone a sync request must be answered within this: the gateway's own bound on a sync wait
     * (gateway.delivery.timeout, 20 s, above the producer's delivery.timeout.ms of 15 s) plus room for a loaded
     * machine.
     */
    private static final Duration SYNC_OUTAGE_BOUND = Duration.ofSeconds(25);
    /**
     * How long after the restart an accepted event may still be waiting for its fate: the gateway bounds it by the
     * events' max.block.ms + delivery.timeout.ms (20 s) and then the dead-letter producer's (5 s + 120 s), counted
     * from when it was accepted, during the outage at the latest.
     */
    private static final Duration RESOLVE_BOUND = Duration.ofSeconds(150);
    /** A topic the gateway never saw: the metadata lookup is bounded by gateway.topics.lookup-timeout (5 s). */
    private static final Duration LOOKUP_OUTAGE_BOUND = Duration.ofSeconds(10);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BROKER_UNAVAILABLE = "urn:producer-gateway:problem:broker-unavailable";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRINCIPAL = "cluster-failure-it";
    private static final String API_KEY = java.util.UUID.randomUUID().toString();

    private static KafkaCluster cluster;
    private static KafkaTestClient kafka;
    private static Admin admin;
    private static Process gateway;
    private static Path gatewayLog;
    private static HttpClient http;
    private static String base;
    private static long classStarted;

    @BeforeAll
    static void startClusterAndGateway() throws Exception {
        classStarted = System.nanoTime();
        cluster = KafkaCluster.start("cluster-failure");
        kafka = new KafkaTestClient(cluster.bootstrapServers());
        admin = kafka.admin();
        System.out.printf("ClusterFailureIT: 3-node cluster up %d ms after launch (%s)%n", millisSince(classStarted),
                cluster.bootstrapServers());
        createReplicatedTopic(DEAD_LETTER_TOPIC, 3);

        int port = freePort();
        gatewayLog = Path.of("target", "cluster-failure-gateway.log").toAbsolutePath();
        long launched = System.nanoTime();
        ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafka.bootstrap.servers=" + cluster.bootstrapServers(), "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1", "-jar", System.getProperty("gateway.jar"))
                .redirectErrorStream(true).redirectOutput(gatewayLog.toFile());
        // Authentication stays on, as shipped: the key comes from the environment, like a Secret.
        service.environment().put("GATEWAY_AUTH_API_KEYS", PRINCIPAL + ":" + API_KEY);
        service.environment().put("GATEWAY_AUTH_GRANTS",
                PRINCIPAL + "=(kill-controller|kill-leader|cluster-down|never-seen)-.*");
        gateway = service.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (readiness() != 200) {
            assertTrue(gateway.isAlive(), "the service exited at startup, see " + gatewayLog);
            assertTrue(System.nanoTime() < deadline, "the service was not ready within 60 s, see " + gatewayLog);
            Thread.sleep(200);
        }
        System.out.printf("ClusterFailureIT: service ready %d ms after launch%n", millisSince(launched));
    }

    @AfterAll
    static void stopGatewayAndCluster() throws Exception {
        try {
            if (gateway != null) {
                gateway.destroy();
                if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            if (kafka != null) {
                kafka.close(); // and its admin client
            }
            if (cluster != null) {
                cluster.close();
            }
            System.out.printf("ClusterFailureIT: %d ms in all (cluster, service and tests)%n",
                    millisSince(classStarted));
        }
    }

    @Test
    void killingTheActiveControllerUnderLoadLosesAndDuplicatesNoAcknowledgedEvent() throws Exception {
        awaitWholeCluster();
        String topic = createReplicatedTopic(KafkaTestClient.uniqueTopic("kill-controller"), PARTITIONS);
        Figures figures = brokerLoss("kill active controller", topic, () -> {
            int controller = activeController();
            System.out.printf("ClusterFailureIT [kill active controller]: victim node %d (active KRaft controller, "
                    + "leader of partitions %s)%n", controller, partitionsLedBy(topic, controller));
            return controller;
        });
        figures.assertAcknowledgedExactlyOnce();
    }

    @Test
    void killingTheLeaderOfTheBusiestPartitionUnderLoadLosesAndDuplicatesNoAcknowledgedEvent() throws Exception {
        awaitWholeCluster();
        String topic = createReplicatedTopic(KafkaTestClient.uniqueTopic("kill-leader"), PARTITIONS);
        Figures figures = brokerLoss("kill busiest leader", topic, () -> busiestPartitionLeader(topic));
        figures.assertAcknowledgedExactlyOnce();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // the outage, the restart, and RESOLVE_BOUND to see every fate
    void wholeClusterDownFailsFastAndEveryAcceptedEventIsDeliveredOrDeadLettered() throws Exception {
        awaitWholeCluster();
        String topic = createReplicatedTopic(KafkaTestClient.uniqueTopic("cluster-down"), PARTITIONS);
        assertEquals(200, post(topic, event("warm-up", 0, 0, 0), false, REQUEST_TIMEOUT).statusCode(),
                "the service knows the topic before the cluster goes");

        Load async = new Load("cluster-down", topic, 2, true, 20);
        async.start();
        try {
            wholeClusterOutage(topic, async);
        } finally {
            async.stop();
            cluster.startAll();
        }
    }

    private static void wholeClusterOutage(String topic, Load async) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> async.count(Fate.Kind.ACCEPTED) >= 300);
        int acceptedBefore = async.count(Fate.Kind.ACCEPTED);

        long down = System.nanoTime();
        cluster.stopAll();
        long stopped = System.nanoTime();
        int acceptedWhileStopping = async.count(Fate.Kind.ACCEPTED) - acceptedBefore;
        System.out.printf("ClusterFailureIT [whole cluster down]: all 3 nodes stopped in %d ms%n", millisSince(down));

        long syncSent = System.nanoTime();
        long[] syncAnswered = { 0 };
        CompletableFuture<HttpResponse<String>> syncKnownTopic = http.sendAsync(request(topic, false,
                SYNC_OUTAGE_BOUND, event("sync-during-outage", 0, 0, 0)), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> syncAnswered[0] = System.nanoTime());
        String neverSeen = KafkaTestClient.uniqueTopic("never-seen");
        CompletableFuture<HttpResponse<String>> syncUnknownTopic = http.sendAsync(request(neverSeen, false,
                LOOKUP_OUTAGE_BOUND, event("sync-unknown-topic", 0, 0, 0)), HttpResponse.BodyHandlers.ofString());

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> readiness() == 503);
        long readyDownMillis = millisSince(stopped);
        HttpResponse<String> ready = get("/q/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("DOWN", checkStatus(ready.body(), "kafka-cluster"), ready.body());
        assertEquals(200, get("/q/health/live").statusCode(), "a Kafka outage does not make the service dead");

        Thread.sleep(2_000); // more events accepted during the outage
        async.stop();
        int acceptedDuring = async.count(Fate.Kind.ACCEPTED) - acceptedBefore - acceptedWhileStopping;

        HttpResponse<String> known = answered(syncKnownTopic, SYNC_OUTAGE_BOUND);
        long syncMillis = TimeUnit.NANOSECONDS.toMillis(syncAnswered[0] - syncSent);
        assertEquals(503, known.statusCode(), known.body());
        assertTrue(known.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON));
        assertTrue(known.headers().firstValue("Retry-After").isPresent(), "503 carries Retry-After");
        assertEquals(BROKER_UNAVAILABLE, JSON.readTree(known.body()).path("type").asText(), known.body());
        HttpResponse<String> unknown = answered(syncUnknownTopic, LOOKUP_OUTAGE_BOUND);
        assertEquals(503, unknown.statusCode(), unknown.body());
        assertEquals(BROKER_UNAVAILABLE, JSON.readTree(unknown.body()).path("type").asText(), unknown.body());

        long restarted = System.nanoTime();
        cluster.startAll();
        long outageMillis = millisSince(down);
        System.out.printf("ClusterFailureIT [whole cluster down]: nodes restarted in %d ms; outage %d ms%n",
                millisSince(restarted), outageMillis);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> readiness() == 200);
        long readyUpMillis = millisSince(restarted);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> post(topic,
                event("sync-after-outage", 0, 0, 0), false, REQUEST_TIMEOUT).statusCode() == 200);
        long syncUpMillis = millisSince(restarted);

        // Every accepted event ends in the topic or in the dead-letter topic: the producer delivers what it still
        // holds, or the event fails (delivery timeout) and the gateway writes it to the dead letters; or, when that
        // write fails too, the gateway reports the event lost (asserted below). Read until every event has one of
        // these fates, nothing waits for Kafka any more and two reads a second apart agree: a reported loss is final,
        // waiting on for it would only run out RESOLVE_BOUND.
        long resolving = System.nanoTime();
        Set<String> accepted = async.ids(Fate.Kind.ACCEPTED);
        Map<String, Integer> inTopic = new HashMap<>();
        Map<String, Integer> deadLettered = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> deadRecords = new ArrayList<>();
        try {
            Awaitility.await().atMost(RESOLVE_BOUND).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int before = inTopic.size() + deadRecords.size();
                inTopic.clear();
                inTopic.putAll(countById(kafka.readAll(topic)));
                deadRecords.clear();
                deadRecords.addAll(kafka.readAll(DEAD_LETTER_TOPIC).stream()
                        .filter(r -> topic.equals(header(r, DeadLetters.HEADER_TOPIC))).toList());
                deadLettered.clear();
                deadLettered.putAll(countById(deadRecords));
                List<String> unresolved = accepted.stream()
                        .filter(id -> !inTopic.containsKey(id) && !deadLettered.containsKey(id)).toList();
                return reportedAsLost(unresolved).size() == unresolved.size()
                        && inFlight() == 0.0 && before == inTopic.size() + deadRecords.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // fall through: the figures below say which events are missing
        }
        long resolvedMillis = millisSince(resolving);
        // Reported, not asserted: an event can be in the topic and in the dead letters. The gateway dead-letters only
        // what Kafka itself reported as failed, but Kafka's "Expiring N record(s)" (delivery.timeout.ms) can hit a
        // batch that the broker had written before it went away: the outcome of such a batch is unknown to any
        // producer. The dead-letter records carry the event-id header, so a reader can tell.
        String metrics = get("/q/metrics").body();
        int delivered = (int) accepted.stream().filter(inTopic::containsKey).count();
        int dead = (int) accepted.stream().filter(deadLettered::containsKey).count();
        int both = (int) accepted.stream().filter(id -> inTopic.containsKey(id) && deadLettered.containsKey(id))
                .count();
        List<String> missing = accepted.stream().filter(id -> !inTopic.containsKey(id) && !deadLettered.containsKey(id))
                .sorted().toList();
        List<String> reportedMissing = reportedAsLost(missing);
        long duplicates = inTopic.values().stream().filter(c -> c > 1).count();
        long deadDuplicates = deadLettered.values().stream().filter(c -> c > 1).count();
        Map<String, Integer> deadReasons = new TreeMap<>();
        deadRecords.forEach(r -> deadReasons.merge(String.valueOf(header(r, DeadLetters.HEADER_ERROR))
                .replaceAll("[0-9]+", "#"), 1, Integer::sum));
        String sampleInBoth = accepted.stream().filter(id -> inTopic.containsKey(id) && deadLettered.containsKey(id))
                .sorted().findFirst().orElse("none");
        System.out.printf("ClusterFailureIT [whole cluster down]: accepted 202 %d (%d before the outage, %d while the "
                + "nodes stopped, %d during it), async requests refused %d %s; in the topic %d, dead-lettered %d, in "
                + "both %d, in neither %d (of which logged as dead-letter-failed %d); duplicates in the topic %d, in "
                + "the dead letters %d%n", accepted.size(), acceptedBefore, acceptedWhileStopping, acceptedDuring,
                async.count(Fate.Kind.ERROR) + async.count(Fate.Kind.NO_ANSWER) + async.count(Fate.Kind.UNEXPLAINED),
                async.errorTypes(), delivered, dead, both, missing.size(), reportedMissing.size(), duplicates,
                deadDuplicates);
        System.out.printf("ClusterFailureIT [whole cluster down]: readiness DOWN %d ms after the nodes stopped; sync "
                + "request to a known topic answered 503 after %d ms (client bound %d ms), to an unknown topic 503; "
                + "readiness UP %d ms and sync 200 %d ms after the restart began; gateway_events_total dead-lettered "
                + "%s, dead-letter-failed %s, failed %s%n", readyDownMillis, syncMillis, SYNC_OUTAGE_BOUND.toMillis(),
                readyUpMillis, syncUpMillis, counter(metrics, "dead-lettered"), counter(metrics, "dead-letter-failed"),
                counter(metrics, "failed"));
        System.out.printf("ClusterFailureIT [whole cluster down]: resolved %d ms after sync succeeded again; the event "
                + "answered 503 during the outage is %s the topic; dead-letter errors %s; e.g. %s is in the topic and "
                + "in the dead letters%n", resolvedMillis, inTopic.containsKey("sync-during-outage") ? "in" : "not in",
                deadReasons, sampleInBoth);

        assertTrue(accepted.size() >= 300, "events were accepted around the outage");
        assertEquals(0, async.count(Fate.Kind.NO_ANSWER) + async.count(Fate.Kind.UNEXPLAINED),
                "every async request was answered, errors with a problem body: " + async.errorTypes());
        // Never dropped silently: an accepted event is in the topic, in the dead letters, or (when the dead-letter
        // write failed too, after its own delivery.timeout.ms) logged at ERROR and counted as dead-letter-failed.
        List<String> silentlyLost = missing.stream().filter(id -> !reportedMissing.contains(id)).toList();
        assertEquals(List.of(), silentlyLost.stream().limit(20).toList(), silentlyLost.size() + " accepted events are "
                + "neither in the topic nor in the dead-letter topic, and were not reported, see " + gatewayLog + "; "
                + whatBecameOf(silentlyLost, async, resolvedMillis, metrics));
        assertEquals(0, duplicates, "no event is in the topic twice");
        assertEquals(0.0, inFlight(), "nothing is left waiting for Kafka");
    }

    /** Sync load from {@link #SENDERS} threads; the chosen node is killed with SIGKILL in the middle of it. */
    private static Figures brokerLoss(String label, String topic, IntSupplier victimChooser) throws Exception {
        Load load = new Load(label, topic, SENDERS, false, 0);
        int victim;
        int ackedAfterKill;
        load.start();
        try {
            Thread.sleep(LOAD_BEFORE_KILL_MILLIS);
            // Thousands of events in all, even when the machine is slow: a good share of them before the kill.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.count(Fate.Kind.ACKED) >= 1000);
            victim = victimChooser.getAsInt();
            int ackedBeforeKill = load.count(Fate.Kind.ACKED);
            cluster.kill(victim);
            Thread.sleep(LOAD_AFTER_KILL_MILLIS);
            load.stop();
            ackedAfterKill = load.count(Fate.Kind.ACKED) - ackedBeforeKill;
        } finally {
            load.stop();
            cluster.startAll();
        }
        awaitFullIsr(topic);
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        Figures figures = Figures.of(label, victim, load, records, ackedAfterKill);
        System.out.println(figures);
        return figures;
    }

    /** What became of every event one load sent, against what the topic holds. */
    private record Figures(String label, int victim, int sent, int acked, int ackedAfterKill, int errors,
            int noAnswer, int unexplained, Map<String, Integer> errorTypes, int records, int found, int duplicates,
            List<String> ackedMissing, List<String> ackedElsewhere, int errorsInKafka, int foreign) {

        static Figures of(String label, int victim, Load load, List<ConsumerRecord<byte[], byte[]>> records,
                int ackedAfterKill) {
            Map<String, List<ConsumerRecord<byte[], byte[]>>> byId = new HashMap<>();
            int foreign = 0;
            for (ConsumerRecord<byte[], byte[]> r : records) {
                String id = header(r, EventReader.ID_HEADER);
                if (id == null || !load.fates.containsKey(id)) {
                    foreign++;
                    continue;
                }
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            }
            List<String> missing = new ArrayList<>();
            List<String> elsewhere = new ArrayList<>();
            int errorsInKafka = 0;
            for (Map.Entry<String, Fate> e : load.fates.entrySet()) {
                Fate fate = e.getValue();
                List<ConsumerRecord<byte[], byte[]>> found = byId.get(e.getKey());
                if (fate.kind() == Fate.Kind.ACKED) {
                    if (found == null) {
                        missing.add(e.getKey());
                    } else if (found.get(0).partition() != fate.partition() || found.get(0).offset() != fate.offset()) {
                        elsewhere.add(e.getKey() + " acknowledged at " + fate.partition() + "/" + fate.offset()
                                + ", found at " + found.get(0).partition() + "/" + found.get(0).offset());
                    }
                } else if (found != null) {
                    errorsInKafka++;
                }
            }
            int duplicates = (int) byId.values().stream().filter(l -> l.size() > 1).count();
            missing.sort(Comparator.naturalOrder());
            return new Figures(label, victim, load.fates.size(), load.count(Fate.Kind.ACKED), ackedAfterKill,
                    load.count(Fate.Kind.ERROR), load.count(Fate.Kind.NO_ANSWER), load.count(Fate.Kind.UNEXPLAINED),
                    load.errorTypes(), records.size(), byId.size(), duplicates, missing, elsewhere, errorsInKafka,
                    foreign);
        }

        void assertAcknowledgedExactlyOnce() {
            assertTrue(acked >= 1000, "thousands of events were acknowledged: " + acked);
            assertTrue(ackedAfterKill > 0, "the cluster kept acknowledging after the node was killed");
            assertEquals(List.of(), ackedMissing.stream().limit(20).toList(), "acknowledged events missing in Kafka ("
                    + ackedMissing.size() + ")");
            assertEquals(List.of(), ackedElsewhere.stream().limit(20).toList(),
                    "acknowledged events found at another partition/offset than answered");
            assertEquals(0, duplicates, "no event is in the topic twice");
            assertEquals(0, foreign, "every record in the topic is one the load sent");
            assertEquals(0, noAnswer, "every request was answered within " + REQUEST_TIMEOUT);
            assertEquals(0, unexplained, "every error was answered with a problem body");
            assertEquals(sent, acked + errors, "every event was acknowledged or reported as failed");
        }

        @Override
        public String toString() {
            return String.format("ClusterFailureIT [%s]: victim node %d; events sent %d, acknowledged (2xx) %d (%d of "
                    + "them after the kill), errors %d %s, unanswered %d, error without problem body %d; records in "
                    + "Kafka %d, distinct ids found %d, duplicates %d, acknowledged-but-missing %d, acknowledged at "
                    + "another offset %d, errors found in Kafka anyway %d, unknown records %d", label, victim, sent,
                    acked, ackedAfterKill, errors, errorTypes, noAnswer, unexplained, records, found, duplicates,
                    ackedMissing.size(), ackedElsewhere.size(), errorsInKafka, foreign);
        }
    }

    /** What one event's request answered. */
    private record Fate(Kind kind, int status, String problemType, int partition, long offset) {

        enum Kind {
            /** 200 with the event's partition and offset (alone, or inside a problem listing each event). */
            ACKED,
            /** 202: handed to the producer. */
            ACCEPTED,
            /** An error status with a problem body naming the failure. */
            ERROR,
            /** No answer within the client's timeout, or the connection failed. */
            NO_ANSWER,
            /** An error status without a problem body, or a body that does not say what became of the event. */
            UNEXPLAINED
        }
    }

    /** Threads sending events with unique ids to one topic, one or {@link #BATCH} per request, and what each got. */
    private static final class Load {
        final Map<String, Fate> fates = new ConcurrentHashMap<>();
        private final String label;
        private final String topic;
        private final int threads;
        private final boolean async;
        private final long pauseMillis;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final ExecutorService pool;
        private final List<java.util.concurrent.Future<?>> senders = new ArrayList<>();

        Load(String label, String topic, int threads, boolean async, long pauseMillis) {
            this.label = label;
            this.topic = topic;
            this.threads = threads;
            this.async = async;
            this.pauseMillis = pauseMillis;
            this.pool = Executors.newFixedThreadPool(threads);
        }

        void start() {
            String run = label.replace(' ', '-');
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    for (int seq = 0; !stopping.get(); seq++) {
                        int size = seq % 2 == 0 ? 1 : BATCH;
                        List<String> ids = new ArrayList<>(size);
                        List<String> events = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            String id = run + "-t" + thread + "-" + seq + "-" + i;
                            ids.add(id);
                            events.add(event(id, thread, seq, i));
                        }
                        send(ids, size == 1 ? events.get(0) : "[" + String.join(",", events) + "]");
                        if (pauseMillis > 0) {
                            Thread.sleep(pauseMillis);
                        }
                    }
                    return null;
                }));
            }
        }

        /** Stops sending and waits for the requests under way (each bounded by {@link #REQUEST_TIMEOUT}). */
        void stop() throws InterruptedException {
            if (stopping.getAndSet(true)) {
                return;
            }
            pool.shutdown();
            if (!pool.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                fail("the load's requests did not end within their timeout");
            }
            for (java.util.concurrent.Future<?> sender : senders) {
                try {
                    sender.get();
                } catch (ExecutionException e) {
                    throw new AssertionError("a sender of the load failed", e.getCause());
                }
            }
        }

        int count(Fate.Kind kind) {
            return (int) fates.values().stream().filter(f -> f.kind() == kind).count();
        }

        Set<String> ids(Fate.Kind kind) {
            return fates.entrySet().stream().filter(e -> e.getValue().kind() == kind).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
        }

        /** Errors by status and problem type, e.g. {@code {503 broker-unavailable=12}}. */
        Map<String, Integer> errorTypes() {
            Map<String, Integer> types = new TreeMap<>();
            fates.values().stream().filter(f -> f.kind() != Fate.Kind.ACKED && f.kind() != Fate.Kind.ACCEPTED)
                    .forEach(f -> types.merge(f.status() + " "
                            + f.problemType().replace("urn:producer-gateway:problem:", ""), 1, Integer::sum));
            return types;
        }

        private void send(List<String> ids, String body) {
            HttpResponse<String> response;
            try {
                response = http.send(request(topic, async, REQUEST_TIMEOUT, body),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                ids.forEach(id -> fates.put(id,
                        new Fate(Fate.Kind.NO_ANSWER, 0, e.getClass().getSimpleName(), -1, -1)));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int status = response.statusCode();
            try {
                if (status == 200 || status == 202) {
                    JsonNode answer = JSON.readTree(response.body());
                    for (int i = 0; i < ids.size(); i++) {
                        JsonNode result = answer.isArray() ? answer.get(i) : answer;
                        record(ids.get(i), result, status, "");
                    }
                    return;
                }
                if (!response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON)) {
                    ids.forEach(id -> fates.put(id,
                            new Fate(Fate.Kind.UNEXPLAINED, status, "no-problem-body", -1, -1)));
                    return;
                }
                JsonNode problem = JSON.readTree(response.body());
                String type = problem.path("type").asText("no-type");
                JsonNode events = problem.get("events");
                for (int i = 0; i < ids.size(); i++) {
                    if (events != null && events.size() == ids.size()) {
                        record(ids.get(i), events.get(i), status, type);
                    } else {
                        fates.put(ids.get(i), new Fate(Fate.Kind.ERROR, status, type, -1, -1));
                    }
                }
            } catch (IOException e) {
                ids.forEach(id -> fates.put(id, new Fate(Fate.Kind.UNEXPLAINED, status, "unreadable-body", -1, -1)));
            }
        }

        /** One event's result: acknowledged (partition and offset), accepted, or its own error. */
        private void record(String id, JsonNode result, int status, String problemType) {
            if (!id.equals(result.path("id").asText())) {
                fates.put(id, new Fate(Fate.Kind.UNEXPLAINED, status, "result-for-another-id", -1, -1));
            } else if (result.has("error")) {
                fates.put(id, new Fate(Fate.Kind.ERROR, status, result.path("error").path("type").asText(problemType),
                        -1, -1));
            } else if (status == 202) {
                fates.put(id, new Fate(Fate.Kind.ACCEPTED, status, "", result.path("partition").asInt(-1), -1));
            } else if (result.hasNonNull("offset")) {
                fates.put(id, new Fate(Fate.Kind.ACKED, status, "", result.path("partition").asInt(-1),
                        result.path("offset").asLong(-1)));
            } else {
                fates.put(id, new Fate(Fate.Kind.UNEXPLAINED, status, "no-offset", -1, -1));
            }
        }
    }

    private static String event(String id, int thread, int seq, int i) {
        return "{\"id\":\"" + id + "\",\"key\":\"k-" + ((seq * BATCH + i) % 16) + "\",\"value\":{\"thread\":" + thread
                + ",\"seq\":" + seq + ",\"i\":" + i + "}}";
    }

    private static HttpRequest request(String topic, boolean async, Duration timeout, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/v1/topics/" + topic + "/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + API_KEY)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (async) {
            builder.header("Prefer", "respond-async");
        }
        return builder.build();
    }

    private static HttpResponse<String> post(String topic, String body, boolean async, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(request(topic, async, timeout, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int readiness() {
        try {
            return get("/q/health/ready").statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The answer of a request sent earlier; no answer within the request's own timeout fails the test. */
    private static HttpResponse<String> answered(CompletableFuture<HttpResponse<String>> response, Duration bound)
            throws InterruptedException {
        try {
            return response.get(bound.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new AssertionError("no answer within " + bound + " while the cluster was down", e.getCause());
            }
            throw new AssertionError("the request failed", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + bound + " while the cluster was down", e);
        }
    }

    private static String checkStatus(String health, String check) throws IOException {
        for (JsonNode node : JSON.readTree(health).path("checks")) {
            if (check.equals(node.path("name").asText())) {
                return node.path("status").asText();
            }
        }
        return "absent";
    }

    private static double inFlight() throws IOException, InterruptedException {
        return get("/q/metrics").body().lines().filter(l -> l.startsWith("gateway_events_in_flight "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** The sum of {@code gateway_events_total} with this outcome, over its reasons. */
    private static String counter(String metrics, String outcome) {
        return String.format("%.0f", metrics.lines()
                .filter(l -> l.startsWith("gateway_events_total{") && l.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
    }

    /**
     * What the gateway and Kafka say of events that could not be found: enough for a failure seen only in CI (where
     * the gateway's log is gone) to tell a gateway that lost track of them from a cluster that lost them.
     */
    private static String whatBecameOf(List<String> ids, Load load, long resolvedMillis, String metrics)
            throws IOException {
        if (ids.isEmpty()) {
            return "";
        }
        Map<Integer, Long> byPartition = ids.stream().collect(Collectors.groupingBy(
                id -> load.fates.get(id).partition(), TreeMap::new, Collectors.counting()));
        Set<String> sample = Set.copyOf(ids.stream().limit(3).toList());
        List<String> logged = Files.readAllLines(gatewayLog).stream()
                .filter(l -> sample.stream().anyMatch(l::contains)).limit(6).toList();
        List<String> kafkaWarnings = Files.readAllLines(gatewayLog).stream()
                .filter(l -> l.contains("WARN") && l.contains("org.apache.kafka")).map(l -> l.replaceAll(
                        "^\\S+ \\S+ ", "").replaceAll("[0-9]+", "#")).distinct().limit(8).toList();
        return String.format("accepted on partitions %s; the fates were resolved (or the wait gave up) after %d ms; "
                + "events in flight now %.0f; gateway_events_total acked %s, dead-lettered %s, dead-letter-failed "
                + "%s, failed %s; the gateway's log on %s: %s; its Kafka warnings: %s", byPartition, resolvedMillis,
                inFlightOrUnknown(), counter(metrics, "acked"), counter(metrics, "dead-lettered"),
                counter(metrics, "dead-letter-failed"), counter(metrics, "failed"), sample, logged, kafkaWarnings);
    }

    private static double inFlightOrUnknown() {
        try {
            return inFlight();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The ids among these that the service logged as lost: failed after 202 and not written to the dead letters. */
    private static List<String> reportedAsLost(List<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> logged = Files.readAllLines(gatewayLog).stream()
                .filter(l -> l.contains("could not be written to the dead-letter topic"))
                .map(l -> l.replaceAll(".*Event (\\S+) for topic.*", "$1")).collect(Collectors.toSet());
        return ids.stream().filter(logged::contains).toList();
    }

    private static Map<String, Integer> countById(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String id = header(r, EventReader.ID_HEADER);
            if (id != null) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }


    /** A topic on all three nodes that takes writes while two of them are in sync. */
    private static String createReplicatedTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) KafkaCluster.SIZE)
                .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        awaitFullIsr(name);
        return name;
    }

    /** Every node runs and every partition of the topic has a leader and all three replicas in sync. */
    private static void awaitFullIsr(String topic) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(10, TimeUnit.SECONDS).get(topic);
                    return description.partitions().stream().allMatch(p -> p.leader() != null
                            && p.isr().size() == KafkaCluster.SIZE);
                });
    }

    /** Starts any node a failed test left down, and waits until all three brokers are registered and in sync. */
    private static void awaitWholeCluster() {
        cluster.startAll();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == KafkaCluster.SIZE);
        awaitFullIsr(DEAD_LETTER_TOPIC);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> readiness() == 200);
    }

    private static int activeController() {
        try {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("Could not find the active controller", e);
        }
    }

    private static List<Integer> partitionsLedBy(String topic, int node) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().filter(p -> p.leader() != null && p.leader().id() == node)
                    .map(TopicPartitionInfo::partition).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topic, e);
        }
    }

    /** The leader of the partition holding the most records so far (the lowest such partition on a tie). */
    private static int busiestPartitionLeader(String topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            int busiest = ends.entrySet().stream().max(Map.Entry.<Integer, Long> comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
            TopicPartitionInfo info = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().get(busiest);
            System.out.printf("ClusterFailureIT [kill busiest leader]: records per partition %s; busiest partition %d, "
                    + "its leader node %d (replicas %s, ISR %s) is the victim%n", ends, busiest, info.leader().id(),
                    info.replicas().stream().map(n -> n.id()).toList(), info.isr().stream().map(n -> n.id()).toList());
            return info.leader().id();
        } catch (Exception e) {
            throw new IllegalStateException("Could not find the busiest partition's leader", e);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
