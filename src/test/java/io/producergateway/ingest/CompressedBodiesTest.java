package io.producergateway.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Compressed request bodies ({@code Content-Encoding: gzip} or {@code deflate}) on every produce path, read back from
 * Kafka; bombs (300 MB of zeros in a few hundred KB) refused with 413 after at most the body limit inflated, with the
 * heap bounded, nothing written and the service healthy; corrupt bodies a 400 problem; other codings 415.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class CompressedBodiesTest {

    /** How much the live heap may grow while bombs arrive (the inflated limit is 1 MB per request). */
    static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;
    private static final String PROBLEM = "urn:producer-gateway:problem:";
    private static final byte[] BOMB = gzip(new byte[300 * 1024 * 1024]);

    /** What the service logs at ERROR while this class runs: a bad body is answered, never an error. */
    private static final List<String> ERRORS = new CopyOnWriteArrayList<>();
    private static final Handler ERROR_WATCH = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                ERRORS.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final KafkaTestClient kafka = SharedKafka.client();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeAll
    static void watchErrors() {
        java.util.logging.Logger.getLogger("").addHandler(ERROR_WATCH);
    }

    @AfterAll
    static void stopWatching() {
        java.util.logging.Logger.getLogger("").removeHandler(ERROR_WATCH);
    }

    @BeforeEach
    void noErrorsYet() {
        ERRORS.clear();
    }

    @Test
    void gzipAndDeflateEventsAreStoredInflated() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("gzip-v1"), 2);
        byte[] events = ("[{\"id\":\"a\",\"key\":\"k1\",\"value\":{\"n\":1},\"headers\":{\"h\":\"x\"},\"partition\":1},"
                + "{\"id\":\"b\",\"value\":\"" + "v".repeat(5000) + "\",\"partition\":0}]")
                .getBytes(StandardCharsets.UTF_8);

        assertEquals(200, post(v1(topic), "application/json", "gzip", gzip(events), false).statusCode());
        assertEquals(200, post(v1(topic), "application/json", "gzip", gzip(events), true).statusCode(), "chunked");
        assertEquals(200, post(v1(topic), "application/json", "deflate", zlib(events), false).statusCode());
        assertEquals(200, post(v1(topic), "application/json", "deflate", rawDeflate(events), true).statusCode(),
                "raw deflate data, as some clients send it");
        HttpResponse<String> twoMembers = post(v1(topic), "application/json", "x-gzip, identity",
                concat(gzip(Arrays.copyOf(events, 40)), gzip(Arrays.copyOfRange(events, 40, events.length))), false);
        assertEquals(200, twoMembers.statusCode(), twoMembers.body());

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(10, records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if ("a".equals(Records.eventId(record))) {
                assertEquals(1, record.partition());
                assertEquals("k1", Records.text(record.key()));
                assertEquals("{\"n\":1}", Records.text(record.value()));
                assertEquals("x", Records.header(record, "h"));
            } else {
                assertEquals(0, record.partition());
                assertEquals("\"" + "v".repeat(5000) + "\"", Records.text(record.value()));
            }
        }
        assertEquals(List.of(), ERRORS);
    }

    @Test
    void gzipRecordsOnRestProxyV2AreStoredInflated() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("gzip-v2"), 2);
        byte[] body = ("{\"records\":[{\"key\":\"k\",\"value\":{\"n\":1},\"partition\":1,"
                + "\"headers\":[{\"key\":\"h\",\"value\":\"aGVsbG8=\"}]}]}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = post("/topics/" + topic, "application/vnd.kafka.json.v2+json", "gzip",
                gzip(body), false);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(200, post("/topics/" + topic, "application/vnd.kafka.binary.v2+json", "deflate",
                zlib("{\"records\":[{\"value\":\"aGVsbG8=\",\"partition\":0}]}".getBytes(StandardCharsets.UTF_8)), true)
                .statusCode());

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(2, records.size());
        assertEquals("hello", Records.text(records.get(0).value()));
        assertEquals(1, records.get(1).partition());
        assertEquals("\"k\"", Records.text(records.get(1).key()));
        assertEquals("{\"n\":1}", Records.text(records.get(1).value()));
        assertEquals("hello", Records.header(records.get(1), "h"));
    }

    @Test
    void aGzipStreamOfManyLinesIsAcknowledgedLineByLine() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("gzip-stream"), 3);
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            ndjson.append("{\"key\":\"k").append(i % 7).append("\",\"value\":").append(i).append("}\n");
        }

        HttpResponse<String> answer = post(v1(topic), "application/x-ndjson", "gzip",
                gzip(ndjson.toString().getBytes(StandardCharsets.UTF_8)), true);

        assertEquals(200, answer.statusCode());
        List<String> lines = answer.body().lines().toList();
        assertEquals(5001, lines.size());
        assertEquals(5000, JsonPath.from(lines.get(5000)).getInt("summary.acked"));
        assertEquals("end-of-request", JsonPath.from(lines.get(5000)).getString("summary.reason"));
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(5000, records.size());
        assertEquals(5000, records.stream().map(r -> Records.text(r.value())).distinct().count());
    }

    @Test
    void bombsAre413AfterTheLimitInflatedWithTheHeapBoundedAndNothingWritten() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("gzip-bomb"), 1);
        byte[] deflateBomb = zlib(new byte[300 * 1024 * 1024]);
        System.out.printf("bombs: 300 MB of zeros as %d bytes of gzip, %d of deflate%n", BOMB.length,
                deflateBomb.length);
        System.gc();
        long baseline = liveHeapAfterCollection();
        AtomicLong maxHeap = new AtomicLong(baseline);
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(9);
        List<String> answers = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        try {
            Future<?> sampler = clients.submit(() -> {
                while (sending.get()) {
                    System.gc();
                    maxHeap.accumulateAndGet(liveHeapAfterCollection(), Math::max);
                    Thread.sleep(100);
                }
                return null;
            });
            List<Future<?>> work = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                work.add(clients.submit(() -> answers.add(refusal(post(v1(topic), "application/json", "gzip", BOMB,
                        false)))));
                work.add(clients.submit(() -> answers.add(refusal(post(v1(topic), "application/json", "gzip", BOMB,
                        true)))));
                work.add(clients.submit(() -> answers.add(refusal(post("/topics/" + topic,
                        "application/vnd.kafka.json.v2+json", "gzip", BOMB, false)))));
                work.add(clients.submit(() -> answers.add(refusal(post(v1(topic), "application/json", "deflate",
                        deflateBomb, true)))));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            sending.set(false);
            sampler.get(30, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }

        System.out.printf("bombs: 8 answered in %d ms; live heap %d MB before, at most %d MB during%n",
                (System.nanoTime() - start) / 1_000_000, baseline >> 20, maxHeap.get() >> 20);
        assertEquals(8, answers.size());
        answers.forEach(a -> assertEquals("413 " + PROBLEM + "payload-too-large", a));
        assertTrue(maxHeap.get() - baseline < HEAP_GROWTH_BOUND,
                "live heap grew by " + (maxHeap.get() - baseline) + " bytes");
        assertEquals(0, kafka.readAll(topic).size());
        assertEquals(List.of(), ERRORS);
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals(200, post(v1(topic), "application/json", "gzip", gzip("{\"value\":1}".getBytes()), false)
                .statusCode());
    }

    @Test
    void aBombOnAStreamEndsItAtTheLineLimit() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("gzip-stream-bomb"), 1);
        byte[] body = concat(gzip("{\"value\":1}\n".getBytes(StandardCharsets.UTF_8)), BOMB);

        HttpResponse<String> answer = post(v1(topic), "application/x-ndjson", "gzip", body, true);

        List<String> lines = answer.body().lines().toList();
        assertEquals(3, lines.size(), answer.body());
        assertEquals(PROBLEM + "payload-too-large", JsonPath.from(lines.get(1)).getString("type"));
        assertEquals("line-too-long", JsonPath.from(lines.get(2)).getString("summary.reason"));
        assertEquals(List.of("1"), kafka.readAll(topic).stream().map(r -> Records.text(r.value())).toList());
        assertEquals(List.of(), ERRORS);
    }

    @Test
    void aBodyThatIsNotWhatItsEncodingSaysIsA400Problem() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("gzip-corrupt"), 1);
        byte[] json = "{\"value\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] gzip = gzip(json);
        byte[] badCrc = gzip.clone();
        badCrc[badCrc.length - 8] ^= 1;

        for (byte[] body : List.of(json, Arrays.copyOf(gzip, gzip.length - 3), badCrc, concat(gzip, json),
                new byte[0])) {
            HttpResponse<String> answer = post(v1(topic), "application/json", "gzip", body, false);
            assertEquals(400, answer.statusCode(), answer.body());
            assertEquals(PROBLEM + "malformed-request", JsonPath.from(answer.body()).getString("type"));
            assertTrue(JsonPath.from(answer.body()).getString("detail").contains("not valid gzip"), answer.body());
        }
        HttpResponse<String> v2 = post("/topics/" + topic, "application/vnd.kafka.json.v2+json", "deflate", json,
                true);
        assertEquals(400, v2.statusCode(), v2.body());
        assertEquals(PROBLEM + "malformed-request", JsonPath.from(v2.body()).getString("type"));

        HttpResponse<String> stream = post(v1(topic), "application/x-ndjson", "gzip",
                concat(gzip("{\"value\":2}\n".getBytes(StandardCharsets.UTF_8)), "garbage".getBytes()), true);
        List<String> lines = stream.body().lines().toList();
        assertEquals(3, lines.size(), stream.body());
        assertEquals(PROBLEM + "malformed-request", JsonPath.from(lines.get(1)).getString("type"));
        assertEquals("malformed-body", JsonPath.from(lines.get(2)).getString("summary.reason"));
        assertEquals(List.of("2"), kafka.readAll(topic).stream().map(r -> Records.text(r.value())).toList(),
                "the line before the bad data was produced; nothing of the refused requests");
        assertEquals(List.of(), ERRORS);
    }

    @Test
    void anotherContentEncodingIs415WithAcceptEncoding() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("gzip-br"), 1);
        byte[] json = "{\"value\":1}".getBytes(StandardCharsets.UTF_8);
        for (String encoding : List.of("br", "compress", "zstd", "gzip, gzip")) {
            for (String[] target : List.of(new String[] { v1(topic), "application/json" },
                    new String[] { "/topics/" + topic, "application/vnd.kafka.json.v2+json" },
                    new String[] { v1(topic), "application/x-ndjson" })) {
                HttpResponse<String> answer = post(target[0], target[1], encoding, json, false);
                assertEquals(415, answer.statusCode(), encoding + " " + target[1] + ": " + answer.body());
                assertEquals(PROBLEM + "unsupported-media-type", JsonPath.from(answer.body()).getString("type"));
                assertEquals("gzip, deflate", answer.headers().firstValue("Accept-Encoding").orElse(null));
            }
        }
        assertEquals(200, post(v1(topic), "application/json", "identity", json, false).statusCode());
        assertEquals(1, kafka.readAll(topic).size());
    }

    private static String v1(String topic) {
        return "/v1/topics/" + topic + "/events";
    }

    private static String refusal(HttpResponse<String> answer) {
        return answer.statusCode() + " " + JsonPath.from(answer.body()).getString("type");
    }

    /** A POST with the body as given: with a Content-Length, or chunked in pieces of 16 KB. */
    private HttpResponse<String> post(String path, String contentType, String encoding, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        List<byte[]> pieces = new ArrayList<>();
        for (int from = 0; from < body.length; from += 16 * 1024) {
            pieces.add(Arrays.copyOfRange(body, from, Math.min(body.length, from + 16 * 1024)));
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).header("Content-Encoding", encoding)
                .timeout(Duration.ofSeconds(60))
                .POST(chunked ? HttpRequest.BodyPublishers.ofByteArrays(pieces)
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long liveHeapAfterCollection() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** deflate as RFC 9110 has it: the zlib format. */
    static byte[] zlib(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] rawDeflate(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, new Deflater(Deflater.DEFAULT_COMPRESSION,
                true))) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
