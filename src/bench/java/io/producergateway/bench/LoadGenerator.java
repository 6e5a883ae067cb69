package io.producergateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 load for producer-gateway's {@code POST /v1/topics/{topic}/events} (v2-single, v2-batch and avro-batch:
 * REST Proxy v2's {@code POST /topics/{topic}}), closed loop or at a set rate, with plain JDK 17 only (no library), so
 * it runs wherever the service's JDK runs:
 * {@code java src/bench/java/io/producergateway/bench/LoadGenerator.java --help}.
 *
 * <p>Each of {@code --connections} platform threads owns one keep-alive socket and sends the same prepared request in a
 * loop: first {@code --warmup} seconds to the warm-up topic (not measured), then {@code --duration} seconds to the
 * measured topic. The latency of every measured request (request written until the whole answer is read) is kept in
 * microseconds; percentiles come from the sorted values, exactly. Without {@code --rate} it is a closed loop: a slow
 * answer delays the next request of that connection, so the percentiles are the service's latency at that concurrency
 * (no coordinated-omission correction).
 *
 * <p>With {@code --rate} it is an open loop: the connections together send that many events per second, each on a
 * timetable of its own ({@link Pacer}), interleaved with the others. A request that is due while its connection still
 * waits for the previous answer goes out as soon as it can, and its latency counts from when it was due: a service that
 * cannot keep up shows latencies growing over the window instead of simply fewer requests (coordinated omission). The
 * result says whether the rate was met.
 *
 * <p>The {@code stream} shape sends NDJSON instead: each connection opens one chunked {@code application/x-ndjson}
 * request (a stream) to the warm-up topic, then one to the measured topic, writes event lines as fast as the service's
 * window lets it (a writer thread per stream; at most {@code --stream-ahead} lines unanswered) and reads the answer lines
 * on the connection's thread. An event's latency is from its line being written until its answer line was read. With
 * {@code --rate} the chunks of lines are paced like requests, and latency counts from when a line was due.
 *
 * <p>The {@code v2-single} and {@code v2-batch} shapes send REST Proxy v2's {@code POST /topics/{topic}} in the JSON
 * format ({@code application/vnd.kafka.json.v2+json}): {@code {"records":[{"value":"<letters>"}]}} with one record, or
 * {@code --batch}. The service stores a JSON value as its JSON text, quotes included, in v2 as in v1: the letters are
 * {@code --record-size - 2} long in every shape, so every value in Kafka is {@code --record-size} bytes. A REST Proxy
 * v2 answer (these shapes and avro-batch) is ok only when it is 200 with one offsets entry per record and no
 * {@code error_code}; a 200 otherwise counts as an error (offset_errors).
 *
 * <p>The {@code avro-batch} shape sends REST Proxy v2's {@code POST /topics/{topic}} in the avro format instead
 * ({@code application/vnd.kafka.avro.v2+json}): {@code --batch} records of {@link #AVRO_SCHEMA}, each written to Kafka
 * as exactly {@code --record-size} bytes (Confluent's wire format: magic byte, schema id, Avro binary), with
 * {@code value_schema_id}. The schema is registered once, before the warm-up, by a first request with
 * {@code value_schema} to the warm-up topic, whose answer gives the id (written to the result as value_schema_id).
 *
 * <p>With {@code --service-pid} (and {@code --broker-pid}) it also reads, on Linux, /proc/&lt;pid&gt;/stat (CPU ticks) at the
 * start and end of the measured window, samples VmRSS every 200 ms and reads VmHWM at the end, and reads /proc/stat
 * for the machine's busy time, so the CPU split between service, broker, this generator and everything else is known.
 *
 * <p>The result is written as a properties file ({@code --out}) and summarised on stdout.
 */
public final class LoadGenerator {

    private static final String USAGE = """
            Usage: java LoadGenerator.java --port <p> --topic <t> [options]
              --host <h>              the service's address (default 127.0.0.1)
              --port <p>              the service's HTTP port (required)
              --topic <t>             the measured topic (required)
              --warmup-topic <t>      the warm-up topic (default: <topic>-warmup)
              --shape <s>             single | batch | async | async-batch | stream | v2-single | v2-batch |
                                      avro-batch (default single); v2-single, v2-batch: REST Proxy v2's
                                      POST /topics/<t> in the JSON format, 1 or --batch records a request; avro-batch:
                                      the same in the avro format, the schema registered by a first request to the
                                      warm-up topic, then value_schema_id
              --batch <n>             events per request for batch shapes (default 100)
              --record-size <bytes>   the size of each stored record value (default 1024; avro-batch: the wire
                                      format's 5-byte header included, at least 32)
              --connections <n>       concurrent keep-alive connections, one thread each (default 64)
              --warmup <seconds>      warm-up time, not measured (default 5)
              --duration <seconds>    measured time (default 20)
              --rate <events/s>       open loop: the connections together send at most this many events per second,
                                      evenly interleaved (requests of --batch events; stream: chunks of 4 lines), the
                                      warm-up too; a request due while its connection is busy goes out late, and its
                                      latency counts from when it was due. 0 (default): closed loop, each connection
                                      sends its next request as soon as the answer came
              --backoff-ms <ms>       pause of a connection after a 503 answer (a 429 too for streams; default 100)
              --stream-ahead <lines>  stream: most lines written and not yet answered per stream (default 2000)
              --api-key <key>         sent as X-API-Key (the service's gateway.auth.api-keys); also read from the
                                      environment variable BENCH_API_KEY, which keeps it out of the process list
              --service-pid <pid>     sample CPU and memory of this process (Linux /proc)
              --broker-pid <pid>      sample CPU of this process too
              --out <file>            write the result as a properties file
            """;

    /** Event lines per chunk of a stream: a few, so that a write carries a few KB rather than one line. */
    private static final int LINES_PER_CHUNK = 4;
    /** Lines a warm-up stream writes ahead before its first answers; each answer then allows one more (StreamWriter). */
    private static final int SLOW_START_LINES = 64;
    /** The zero-length chunk that ends a stream's request: the service then answers what is left and the summary. */
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * The share of --rate a run must reach to have met it: a paced run ends a little short of the rate it was asked
     * (its last answers come after the window, and a few connections' last sends fall just past its end).
     */
    static final double RATE_MET = 0.95;
    /**
     * The record of the avro-batch shape: a string id, a long, a double, and a string payload whose length makes the
     * record's stored value exactly --record-size bytes. No unions, so that its Avro JSON is plain JSON.
     */
    static final String AVRO_SCHEMA = "{\"type\":\"record\",\"name\":\"BenchRecord\",\"namespace\":"
            + "\"io.producergateway.bench\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"seq\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"double\"},"
            + "{\"name\":\"payload\",\"type\":\"string\"}]}";
    /** Confluent's wire format before the Avro binary: the magic byte 0 and the schema id (4 bytes, big-endian). */
    static final int WIRE_HEADER = 5;
    /** The smallest --record-size of avro-batch: the header, an id, a long and a double leave room for a payload. */
    static final int AVRO_MIN_RECORD_SIZE = 32;
    private static final String AVRO_V2 = "application/vnd.kafka.avro.v2+json";
    private static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    /** What REST Proxy v2 answers, and what its clients accept. */
    private static final String V2_ANSWER = "application/vnd.kafka.v2+json";
    private static final List<String> SHAPES = List.of("single", "batch", "async", "async-batch", "stream",
            "v2-single", "v2-batch", "avro-batch");
    /** A worker's status for a 200 of REST Proxy v2 that does not acknowledge every record (see offsetsProblem). */
    private static final int OFFSETS_ERROR = -2;
    /** The most of an answer body kept to check its offsets: far more than any answer the service may give. */
    private static final int MAX_CHECKED_BODY = 4 << 20;
    /** The most of an error answer's body kept for first_error. */
    private static final int ERROR_TEXT = 1000;
    private static final Pattern VALUE_SCHEMA_ID = Pattern.compile("\"value_schema_id\"\\s*:\\s*(\\d+)");

    private final String host;
    private final int port;
    private final String topic;
    private final String warmupTopic;
    private final String shape;
    private final int batch;
    private final int recordSize;
    private final int connections;
    private final double warmupSeconds;
    private final double durationSeconds;
    private final long backoffMillis;
    private final int streamAhead;
    /** Events per second of all connections together (--rate); 0 for a closed loop. */
    private final double rate;
    private final long servicePid;
    private final long brokerPid;
    private final String apiKey;
    /** avro-batch: the id the registry gave the schema (registerSchema); -1 for the other shapes. */
    private int valueSchemaId = -1;
    /** Events answered 2xx so far, warm-up included: the per-second timeline shows when throughput settles. */
    private final LongAdder answered = new LongAdder();

    private LoadGenerator(Map<String, String> options) {
        host = options.getOrDefault("host", "127.0.0.1");
        port = Integer.parseInt(required(options, "port"));
        topic = required(options, "topic");
        warmupTopic = options.getOrDefault("warmup-topic", topic + "-warmup");
        shape = options.getOrDefault("shape", "single");
        if (!SHAPES.contains(shape)) {
            throw new IllegalArgumentException("--shape must be one of " + String.join(", ", SHAPES) + ", not "
                    + shape);
        }
        batch = shape.endsWith("batch") ? Integer.parseInt(options.getOrDefault("batch", "100")) : 1;
        recordSize = Integer.parseInt(options.getOrDefault("record-size", "1024"));
        if (recordSize < 2) {
            throw new IllegalArgumentException("--record-size must be at least 2 (the value is a JSON string)");
        }
        if (avro() && recordSize < AVRO_MIN_RECORD_SIZE) {
            throw new IllegalArgumentException("--record-size must be at least " + AVRO_MIN_RECORD_SIZE + " for "
                    + "avro-batch (the wire format's header, an id, a long and a double)");
        }
        connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        warmupSeconds = Double.parseDouble(options.getOrDefault("warmup", "5"));
        durationSeconds = Double.parseDouble(options.getOrDefault("duration", "20"));
        backoffMillis = Long.parseLong(options.getOrDefault("backoff-ms", "100"));
        // Twice the service's gateway.stream.window (1000): its window stays full, while the socket buffers (megabytes
        // on Linux) do not queue thousands more lines, whose wait would be the kernel's rather than the service's.
        streamAhead = Integer.parseInt(options.getOrDefault("stream-ahead", "2000"));
        if (streamAhead < LINES_PER_CHUNK) {
            throw new IllegalArgumentException("--stream-ahead must be at least " + LINES_PER_CHUNK + " (lines per chunk)");
        }
        rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a number of events per second, 0 for a closed loop");
        }
        servicePid = Long.parseLong(options.getOrDefault("service-pid", "-1"));
        brokerPid = Long.parseLong(options.getOrDefault("broker-pid", "-1"));
        apiKey = options.getOrDefault("api-key", System.getenv("BENCH_API_KEY"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        LoadGenerator generator;
        try {
            options = parse(args);
            if (options.containsKey("help")) {
                System.out.print(USAGE);
                return;
            }
            generator = new LoadGenerator(options);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Map<String, String> result = generator.run();
        StringBuilder text = new StringBuilder();
        result.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), text.toString());
        }
        System.out.printf(Locale.ROOT, "LoadGenerator: %s: %s %s (%s events) in %.2f s, %s errors, "
                + "p50 %s ms, p99 %s ms%s; events/s second by second (warm-up first): %s%n", generator.shape,
                result.get("requests_ok"), generator.streams() ? "lines answered with a result" : "requests answered 2xx",
                result.get("events_acked"), Double.parseDouble(result.get("elapsed_ns")) / 1e9,
                result.get("errors"), result.get("p50_ms"), result.get("p99_ms"), generator.rateText(result),
                result.get("events_per_second_timeline"));
    }

    /** For the summary line: the rate asked and what came of it (nothing for a closed loop). */
    private String rateText(Map<String, String> result) {
        if (rate == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "; rate asked %s events/s, achieved %s (%s%s)", result.get("rate"),
                result.get("rate_achieved"), Boolean.parseBoolean(result.get("rate_met")) ? "met" : "NOT met",
                result.get("rate_unsent_events").equals("0") ? ""
                        : ", " + result.get("rate_unsent_events") + " events due were never sent");
    }

    private boolean streams() {
        return shape.equals("stream");
    }

    private boolean avro() {
        return shape.equals("avro-batch");
    }

    /** The shapes of REST Proxy v2's JSON format. */
    private boolean jsonV2() {
        return shape.startsWith("v2-");
    }

    /** Every shape whose answer is REST Proxy v2's offsets body, checked record by record (offsetsProblem). */
    private boolean restProxy() {
        return jsonV2() || avro();
    }

    /** The events of one paced send: a request, or a stream's chunk of lines. */
    private int eventsPerSend() {
        return streams() ? LINES_PER_CHUNK : batch;
    }

    /** One event, the same every time: {"value":"<letters>"}. */
    private String event() {
        char[] letters = new char[recordSize - 2];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        // The gateway stores a JSON value as its compact JSON text: a string of n letters is stored as n + 2 bytes.
        return "{\"value\":\"" + new String(letters) + "\"}";
    }

    /** The request bytes for one topic: the same body every time (values differ only per request position). */
    private byte[] request(String topicName) {
        if (avro()) {
            return avroRequest(topicName);
        }
        if (jsonV2()) {
            // REST Proxy v2's records are v1's events: {"value":"<letters>"}, stored alike.
            return httpRequest("/topics/" + topicName, JSON_V2, V2_ANSWER, "", "{\"records\":" + events() + "}");
        }
        String body = shape.endsWith("batch") ? events() : event();
        return httpRequest("/v1/topics/" + topicName + "/events", "application/json", "application/json",
                shape.startsWith("async") ? "Prefer: respond-async\r\n" : "", body);
    }

    /** The events of a request as a JSON array: --batch of them (one for the single shapes). */
    private String events() {
        String event = event();
        StringBuilder array = new StringBuilder(batch * (event.length() + 1) + 2).append('[');
        for (int i = 0; i < batch; i++) {
            array.append(i == 0 ? "" : ",").append(event);
        }
        return array.append(']').toString();
    }

    /** A POST of a body, with the API key when there is one. */
    private byte[] httpRequest(String path, String contentType, String accept, String moreHeaders, String body) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Accept: " + accept + "\r\n"
                + moreHeaders
                + (apiKey == null || apiKey.isBlank() ? "" : "X-API-Key: " + apiKey + "\r\n")
                + "Content-Length: " + bodyBytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }

    /**
     * avro-batch: REST Proxy v2's produce request of --batch records with value_schema_id, the same body every time
     * (the records of a request differ by their id, seq and amount).
     */
    private byte[] avroRequest(String topicName) {
        StringBuilder body = new StringBuilder(batch * (recordSize + 64) + 64)
                .append("{\"value_schema_id\":").append(valueSchemaId).append(",\"records\":[");
        for (int i = 0; i < batch; i++) {
            body.append(i == 0 ? "" : ",").append("{\"value\":").append(avroValue(i)).append('}');
        }
        return httpRequest("/topics/" + topicName, AVRO_V2, V2_ANSWER, "", body.append("]}").toString());
    }

    /**
     * The Avro JSON of the record at position i of a request: its payload is as long as makes the value Kafka stores
     * (WIRE_HEADER + the Avro binary: each string its zig-zag varint length and its bytes, the long a varint, the
     * double 8 bytes) exactly --record-size bytes, so that MB/s and the limit compare the same bytes.
     */
    String avroValue(int i) {
        String id = String.format(Locale.ROOT, "rec-%05d", i);
        int payload;
        // A payload length whose own varint tips over a byte boundary can miss the size by one: a longer id then fits.
        while ((payload = payloadLength(recordSize - WIRE_HEADER - varintSize(id.length()) - id.length()
                - varintSize(i) - Double.BYTES)) < 0) {
            id += "x";
        }
        char[] letters = new char[payload];
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < letters.length; k++) {
            letters[k] = (char) ('a' + random.nextInt(26));
        }
        return "{\"id\":\"" + id + "\",\"seq\":" + i + ",\"amount\":" + (i + 0.5) + ",\"payload\":\""
                + new String(letters) + "\"}";
    }

    /** The length n of a string whose Avro encoding (the varint of n, then n bytes) takes <bytes>; -1 if none does. */
    static int payloadLength(int bytes) {
        for (int n = bytes - 1; n >= 0 && n >= bytes - 5; n--) {
            if (varintSize(n) + n == bytes) {
                return n;
            }
        }
        return -1;
    }

    /** The bytes of Avro's zig-zag varint of a long (the encoding of its longs, and of string lengths). */
    static int varintSize(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        int size = 1;
        while ((zigzag >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    /**
     * avro-batch: registers the schema once, through the service (REST Proxy's value_schema, under the warm-up topic's
     * subject), and returns its id, which every measured request then names. Registering once keeps the registry out
     * of the measurement: the service caches a schema by id.
     */
    private int registerSchema() throws IOException, InterruptedException {
        String body = "{\"value_schema\":\"" + AVRO_SCHEMA.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"records\":[{\"value\":" + avroValue(0) + "}]}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/topics/"
                + warmupTopic)).timeout(Duration.ofSeconds(30)).header("Content-Type", AVRO_V2)
                .header("Accept", V2_ANSWER)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("X-API-Key", apiKey);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = VALUE_SCHEMA_ID.matcher(answer.body());
        if (answer.statusCode() != 200 || !id.find()) {
            throw new IOException("registering the avro-batch schema through POST /topics/" + warmupTopic
                    + " was answered " + answer.statusCode() + " " + answer.body());
        }
        return Integer.parseInt(id.group(1));
    }

    /** The head of a stream to one topic: its body follows in chunks (StreamWriter). */
    private byte[] streamHead(String topicName) {
        return ("POST /v1/topics/" + topicName + "/events HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Content-Type: application/x-ndjson\r\n"
                + "Accept: application/x-ndjson\r\n"
                + (apiKey == null || apiKey.isBlank() ? "" : "X-API-Key: " + apiKey + "\r\n")
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One chunk of a stream's body: LINES_PER_CHUNK event lines, the same every time. */
    private byte[] streamChunk() {
        byte[] line = (event() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[line.length * LINES_PER_CHUNK];
        for (int i = 0; i < LINES_PER_CHUNK; i++) {
            System.arraycopy(line, 0, data, i * line.length, line.length);
        }
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = Arrays.copyOf(size, size.length + data.length + 2);
        System.arraycopy(data, 0, chunk, size.length, data.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    private Map<String, String> run() throws InterruptedException, IOException {
        if (avro()) {
            valueSchemaId = registerSchema();
            System.out.println("LoadGenerator: avro-batch: the schema has id " + valueSchemaId);
        }
        byte[] warmupRequest = streams() ? streamHead(warmupTopic) : request(warmupTopic);
        byte[] measuredRequest = streams() ? streamHead(topic) : request(topic);
        byte[] chunk = streams() ? streamChunk() : null;
        int okStatus = shape.startsWith("async") ? 202 : 200;

        long begin = System.nanoTime();
        long warmupEnd = begin + (long) (warmupSeconds * 1e9);
        long measureEnd = warmupEnd + (long) (durationSeconds * 1e9);
        Worker[] workers = new Worker[connections];
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            Pacer pacer = rate == 0 ? null : new Pacer(i, connections, eventsPerSend() * 1e9 / rate, begin, warmupEnd);
            workers[i] = streams()
                    ? new StreamWorker(i, warmupRequest, measuredRequest, chunk, warmupEnd, measureEnd, pacer, done)
                    : new Worker(i, warmupRequest, measuredRequest, okStatus, warmupEnd, measureEnd, pacer, done);
        }
        Sampler sampler = new Sampler(servicePid);
        Thread samplerThread = new Thread(sampler, "rss-sampler");
        samplerThread.setDaemon(true);
        samplerThread.start();
        for (Worker worker : workers) {
            worker.start();
        }
        // Events answered per second, warm-up included (in the log and the result).
        StringBuilder timeline = new StringBuilder();
        Thread ticker = new Thread(() -> {
            long last = 0;
            long next = begin + 1_000_000_000L;
            try {
                while (true) {
                    sleepUntil(next);
                    long now = answered.sum();
                    synchronized (timeline) {
                        timeline.append(timeline.length() == 0 ? "" : ",").append(now - last);
                    }
                    last = now;
                    next += 1_000_000_000L;
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "timeline");
        ticker.setDaemon(true);
        ticker.start();

        // The measured window starts when the warm-up ends: take the CPU counters then.
        sleepUntil(warmupEnd);
        sampler.measuring = true;
        Ticks startTicks = Ticks.read(servicePid, brokerPid);
        long startEpochMs = System.currentTimeMillis();
        done.await();
        long lastAnswer = 0;
        for (Worker worker : workers) {
            lastAnswer = Math.max(lastAnswer, worker.lastAnswer);
        }
        Ticks endTicks = Ticks.read(servicePid, brokerPid);
        long endEpochMs = System.currentTimeMillis();
        sampler.stop = true;
        samplerThread.join(1000);
        ticker.interrupt();
        ticker.join(1000);

        long requestsOk = 0;
        long unsent = 0;
        long errors = 0;
        long ioErrors = 0;
        long offsetErrors = 0;
        long warmupRequests = 0;
        long warmupErrors = 0;
        long measuredStreams = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        int latencyCount = 0;
        for (Worker worker : workers) {
            requestsOk += worker.ok;
            unsent += worker.pacer == null ? 0 : worker.pacer.unsent(measureEnd);
            ioErrors += worker.ioErrors;
            offsetErrors += worker.offsetErrors;
            errors += worker.ioErrors + worker.offsetErrors;
            warmupRequests += worker.warmupRequests;
            warmupErrors += worker.warmupErrors;
            latencyCount += worker.latencyCount;
            if (worker instanceof StreamWorker streamWorker) {
                measuredStreams += streamWorker.streams;
            }
            for (Map.Entry<Integer, Long> e : worker.otherStatuses.entrySet()) {
                statuses.merge(e.getKey(), e.getValue(), Long::sum);
                errors += e.getValue();
            }
        }
        long[] latencies = new long[latencyCount];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.latencies, 0, latencies, at, worker.latencyCount);
            at += worker.latencyCount;
        }
        Arrays.sort(latencies);

        Map<String, String> out = new LinkedHashMap<>();
        out.put("shape", shape);
        out.put("topic", topic);
        out.put("events_per_request", Integer.toString(batch));
        out.put("record_size", Integer.toString(recordSize));
        if (streams()) {
            // A stream's "requests" below are its event lines: each has its own answer line and latency.
            out.put("chunk_bytes", Integer.toString(chunk.length));
            out.put("lines_per_chunk", Integer.toString(LINES_PER_CHUNK));
            out.put("stream_ahead", Integer.toString(streamAhead));
            out.put("streams", Long.toString(measuredStreams));
        } else {
            out.put("request_bytes", Integer.toString(measuredRequest.length));
        }
        if (avro()) {
            out.put("value_schema_id", Integer.toString(valueSchemaId));
        }
        out.put("connections", Integer.toString(connections));
        out.put("warmup_s", fmt(warmupSeconds));
        out.put("duration_s", fmt(durationSeconds));
        long elapsedNs = Math.max(1, lastAnswer - warmupEnd);
        double achieved = requestsOk * batch / (elapsedNs / 1e9);
        out.put("rate", fmt(rate));
        out.put("rate_achieved", String.format(Locale.ROOT, "%.1f", achieved));
        out.put("rate_met", rate == 0 ? "" : Boolean.toString(achieved >= RATE_MET * rate));
        // Due in the measured window but never sent, the connections being busy with late answers until its end.
        out.put("rate_unsent_events", Long.toString(unsent * eventsPerSend()));
        out.put("warmup_requests", Long.toString(warmupRequests));
        out.put("warmup_errors", Long.toString(warmupErrors));
        out.put("requests", Long.toString(latencyCount));
        out.put("requests_ok", Long.toString(requestsOk));
        out.put("events_acked", Long.toString(requestsOk * batch));
        out.put("errors", Long.toString(errors));
        out.put("io_errors", Long.toString(ioErrors));
        out.put("offset_errors", Long.toString(offsetErrors));
        StringBuilder statusText = new StringBuilder();
        statuses.forEach((s, n) -> statusText.append(statusText.length() == 0 ? "" : " ").append(s).append(':').append(n));
        if (offsetErrors > 0) {
            // 200 answers of REST Proxy v2 whose offsets did not acknowledge every record (offsetsProblem)
            statusText.append(statusText.length() == 0 ? "" : " ").append("200-offsets:").append(offsetErrors);
        }
        out.put("error_statuses", statusText.toString());
        String firstError = null;
        for (Worker worker : workers) {
            if (worker.firstError != null) {
                firstError = worker.firstError;
                break;
            }
        }
        out.put("first_error", firstError == null ? "" : firstError.replaceAll("[\\r\\n]+", " "));
        out.put("start_epoch_ms", Long.toString(startEpochMs));
        out.put("end_epoch_ms", Long.toString(endEpochMs));
        out.put("elapsed_ns", Long.toString(elapsedNs));
        out.put("p50_ms", ms(percentile(latencies, 50)));
        out.put("p90_ms", ms(percentile(latencies, 90)));
        out.put("p99_ms", ms(percentile(latencies, 99)));
        out.put("p999_ms", ms(percentile(latencies, 99.9)));
        out.put("max_ms", ms(latencies.length == 0 ? -1 : latencies[latencies.length - 1]));
        double mean = 0;
        for (long l : latencies) {
            mean += l;
        }
        out.put("mean_ms", ms(latencies.length == 0 ? -1 : Math.round(mean / latencies.length)));
        out.put("clk_tck", Long.toString(Ticks.CLK_TCK));
        out.put("service_ticks_start", Long.toString(startTicks.service));
        out.put("service_ticks_end", Long.toString(endTicks.service));
        out.put("broker_ticks_start", Long.toString(startTicks.broker));
        out.put("broker_ticks_end", Long.toString(endTicks.broker));
        out.put("self_ticks_start", Long.toString(startTicks.self));
        out.put("self_ticks_end", Long.toString(endTicks.self));
        out.put("machine_busy_ticks_start", Long.toString(startTicks.machineBusy));
        out.put("machine_busy_ticks_end", Long.toString(endTicks.machineBusy));
        out.put("machine_total_ticks_start", Long.toString(startTicks.machineTotal));
        out.put("machine_total_ticks_end", Long.toString(endTicks.machineTotal));
        out.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        out.put("service_rss_max_kb", Long.toString(sampler.maxRssKb));
        out.put("service_rss_samples", Long.toString(sampler.samples));
        out.put("service_hwm_kb", Long.toString(Sampler.statusKb(servicePid, "VmHWM:")));
        synchronized (timeline) {
            out.put("events_per_second_timeline", timeline.toString());
        }
        return out;
    }

    /** One connection: a platform thread with a keep-alive socket, sending in a loop until the window ends. */
    private class Worker extends Thread {
        final byte[] warmupRequest;
        final byte[] measuredRequest;
        private final int okStatus;
        final long warmupEnd;
        final long measureEnd;
        /** The connection's timetable with --rate; null in a closed loop. */
        final Pacer pacer;
        final CountDownLatch done;
        final Map<Integer, Long> otherStatuses = new ConcurrentHashMap<>();
        long[] latencies = new long[1 << 14];
        int latencyCount;
        long ok;
        long ioErrors;
        /** Measured answers of REST Proxy v2 that were 200 without acknowledging every record (OFFSETS_ERROR). */
        long offsetErrors;
        long warmupRequests;
        long warmupErrors;
        long lastAnswer;
        String firstError;
        Socket socket;
        InputStream in;
        OutputStream out;
        private final byte[] buffer = new byte[8192];

        Worker(int index, byte[] warmupRequest, byte[] measuredRequest, int okStatus, long warmupEnd, long measureEnd,
                Pacer pacer, CountDownLatch done) {
            super("connection-" + index);
            this.warmupRequest = warmupRequest;
            this.measuredRequest = measuredRequest;
            this.okStatus = okStatus;
            this.warmupEnd = warmupEnd;
            this.measureEnd = measureEnd;
            this.pacer = pacer;
            this.done = done;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                long now = System.nanoTime();
                while (now < measureEnd) {
                    boolean measured = now >= warmupEnd;
                    int status;
                    long started = System.nanoTime();
                    if (pacer != null) {
                        long phaseEnd = measured ? measureEnd : warmupEnd;
                        started = pacer.due(measured);
                        if (started >= phaseEnd) {
                            // The phase's timetable is done: on to the measured window's, or the end.
                            parkUntil(phaseEnd);
                            now = System.nanoTime();
                            continue;
                        }
                        // At once when the send is late: its latency then counts from when it was due.
                        parkUntil(started);
                        pacer.sent();
                    }
                    try {
                        status = exchange(measured ? measuredRequest : warmupRequest);
                    } catch (IOException e) {
                        status = -1;
                        if (firstError == null && measured) {
                            firstError = "I/O: " + e;
                        }
                        close();
                    }
                    long ended = System.nanoTime();
                    if (measured) {
                        record((ended - started) / 1000);
                        lastAnswer = ended;
                        if (status == okStatus) {
                            ok++;
                            answered.add(batch);
                        } else if (status == -1) {
                            ioErrors++;
                        } else if (status == OFFSETS_ERROR) {
                            offsetErrors++;
                        } else {
                            otherStatuses.merge(status, 1L, Long::sum);
                        }
                    } else {
                        warmupRequests++;
                        if (status != okStatus) {
                            warmupErrors++;
                        } else {
                            answered.add(batch);
                        }
                    }
                    if (status == 503 || status == -1) {
                        pause(status == -1 ? 50 : backoffMillis);
                    }
                    now = System.nanoTime();
                }
            } finally {
                close();
                done.countDown();
            }
        }

        void record(long micros) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = micros;
        }

        /**
         * Writes the request and reads the whole answer; returns its status, or OFFSETS_ERROR for a REST Proxy v2
         * answer of 200 whose offsets do not acknowledge every record.
         */
        private int exchange(byte[] request) throws IOException {
            connect();
            out.write(request);
            out.flush();
            Head head = readHead();
            boolean answered = head.status() == okStatus;
            boolean checked = answered && restProxy();
            boolean keep = !answered && firstError == null;
            String body = readBody(head, checked ? MAX_CHECKED_BODY : keep ? ERROR_TEXT : 0);
            if (head.closeAfter()) {
                close();
            }
            String problem = checked ? offsetsProblem(body, batch) : null;
            if (problem != null && firstError == null) {
                firstError = head.status() + " with " + problem + ": " + shown(body);
            } else if (keep) {
                firstError = head.status() + " " + shown(body);
            }
            return problem == null ? head.status() : OFFSETS_ERROR;
        }

        /** Opens the connection unless it is open. */
        void connect() throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
        }

        /** Reads the status line and the headers of an answer. */
        Head readHead() throws IOException {
            String statusLine = readLine();
            // HTTP/1.1 200 OK
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = statusLine.startsWith("HTTP/1.0");
            String line;
            while (!(line = readLine()).isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            return new Head(status, contentLength, chunked, closeAfter);
        }

        /** Reads the whole body of an answer; returns its first {@code keep} bytes as text (null when 0). */
        String readBody(Head head, int keep) throws IOException {
            ByteArrayOutputStream body = keep > 0 ? new ByteArrayOutputStream() : null;
            if (head.chunked()) {
                long size;
                while ((size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0) {
                    skip(size, body, keep);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (head.contentLength() > 0) {
                skip(head.contentLength(), body, keep);
            }
            return body == null ? null : body.toString(StandardCharsets.UTF_8);
        }

        private void skip(long n, ByteArrayOutputStream keep, int most) throws IOException {
            while (n > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
                if (read < 0) {
                    throw new EOFException("answer body cut short");
                }
                if (keep != null) {
                    keep.write(buffer, 0, Math.min(read, most - keep.size()));
                }
                n -= read;
            }
        }

        String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(length - 1);
                    }
                    return line.toString();
                }
                line.append((char) c);
            }
            throw new EOFException("connection closed by the service");
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    /** The status line and the headers of an answer that matter here. */
    private record Head(int status, long contentLength, boolean chunked, boolean closeAfter) {
    }

    /**
     * One connection sending NDJSON streams: first one to the warm-up topic, then one to the measured topic. This thread
     * opens each stream and reads its answer lines; a {@link StreamWriter} writes its event lines meanwhile. The counts
     * are those of {@link Worker}, per event line: "requests" are lines, every answered line of a measured stream has its
     * latency, a result line is ok, a problem line an error under its status; a stream refused or broken is an error too.
     */
    private final class StreamWorker extends Worker {
        private final byte[] chunk;
        /** Measured streams the service accepted (200). */
        long streams;
        /** Answer bytes of the current chunk read ahead of the line being assembled: body[bodyPos, bodyLimit). */
        private final byte[] body = new byte[8192];
        private int bodyPos;
        private int bodyLimit;
        /** Bytes of the current chunk not yet read into body; -1 once the zero-length chunk ended the answer. */
        private long chunkLeft;
        /** Whether a chunk's data came already: its CRLF precedes the next chunk size. */
        private boolean inChunk;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

        StreamWorker(int index, byte[] warmupHead, byte[] measuredHead, byte[] chunk, long warmupEnd, long measureEnd,
                Pacer pacer, CountDownLatch done) {
            super(index, warmupHead, measuredHead, 200, warmupEnd, measureEnd, pacer, done);
            this.chunk = chunk;
        }

        @Override
        public void run() {
            try {
                long now = System.nanoTime();
                while (now < measureEnd) {
                    boolean measured = now >= warmupEnd;
                    int status;
                    try {
                        status = stream(measured);
                    } catch (IOException e) {
                        status = -1;
                        if (firstError == null && measured) {
                            firstError = "I/O: " + e;
                        }
                        close();
                    }
                    if (status != 200) {
                        failed(measured, status);
                        // Also after a 401/403: a refused stream comes back at once, and must not turn into a busy loop.
                        pause(status == 503 || status == 429 ? backoffMillis : 50);
                    } else if (!measured) {
                        // The warm-up stream stopped writing a little before the end of the warm-up (see
                        // StreamWriter.writeMore): the measured stream opens on time, on a service still busy.
                        pauseUntil(warmupEnd);
                    }
                    now = System.nanoTime();
                }
            } finally {
                close();
                done.countDown();
            }
        }

        private void failed(boolean measured, int status) {
            if (!measured) {
                warmupErrors++;
            } else if (status == -1) {
                ioErrors++;
            } else {
                otherStatuses.merge(status, 1L, Long::sum);
            }
        }

        /** One stream: writes the head, starts the writer, reads the answer up to its summary line; returns the status. */
        private int stream(boolean measured) throws IOException {
            connect();
            out.write(measured ? measuredRequest : warmupRequest);
            out.flush();
            StreamWriter writer = new StreamWriter(getName() + "-writer", socket, out, chunk, measured,
                    measured ? measureEnd : warmupEnd, pacer);
            writer.start();
            boolean clean = false;
            try {
                Head head = readHead();
                if (head.status() != 200) {
                    String text = readBody(head, measured && firstError == null ? ERROR_TEXT : 0);
                    if (text != null) {
                        firstError = head.status() + " " + shown(text);
                    }
                    return head.status(); // the request's body is cut short: the connection is closed below
                }
                if (!head.chunked()) {
                    throw new IOException("a stream's answer is not chunked");
                }
                if (measured) {
                    streams++;
                }
                readAnswers(writer, measured);
                clean = !head.closeAfter();
                return 200;
            } finally {
                endWriter(writer, clean);
            }
        }

        /**
         * Ends the stream's writer. After a clean end it has written the last chunk already (the service sends the
         * summary only after it); otherwise closing the connection stops it even while it waits for TCP to drain.
         */
        private void endWriter(StreamWriter writer, boolean clean) {
            if (!clean) {
                writer.stopped = true;
                close();
            }
            joinQuietly(writer, 5_000);
            if (writer.isAlive()) {
                writer.stopped = true;
                close();
                joinQuietly(writer, 5_000);
            }
        }

        /** Reads the answer lines up to the summary: the n-th line answers the n-th event line. */
        private void readAnswers(StreamWriter writer, boolean measured) throws IOException {
            bodyPos = 0;
            bodyLimit = 0;
            chunkLeft = 0;
            inChunk = false;
            long results = 0;
            long problems = 0;
            String answer;
            while ((answer = nextLine()) != null) {
                long now = System.nanoTime();
                if (answer.startsWith("{\"summary\"")) {
                    checkSummary(answer, results, problems);
                    if (nextLine() != null) {
                        throw new IOException("the answer goes on after its summary line");
                    }
                    return;
                }
                long written = writer.answered(now);
                int problem = problemStatus(answer);
                if (problem < 0) {
                    results++;
                } else {
                    problems++;
                }
                count(measured, problem, answer, now - written, now);
            }
            throw new EOFException("the stream's answer ended without a summary line");
        }

        private void count(boolean measured, int problem, String answer, long nanos, long now) {
            if (!measured) {
                warmupRequests++;
                if (problem < 0) {
                    answered.add(1);
                } else {
                    warmupErrors++;
                }
                return;
            }
            record(nanos / 1000);
            lastAnswer = now;
            if (problem < 0) {
                ok++;
                answered.add(1);
            } else {
                otherStatuses.merge(problem, 1L, Long::sum);
                if (firstError == null) {
                    firstError = "line: " + shown(answer);
                }
            }
        }

        /** The next line of the chunked answer, without its newline; null at the end of the answer. */
        private String nextLine() throws IOException {
            line.reset();
            while (true) {
                for (int i = bodyPos; i < bodyLimit; i++) {
                    if (body[i] == '\n') {
                        line.write(body, bodyPos, i - bodyPos);
                        bodyPos = i + 1;
                        return line.toString(StandardCharsets.UTF_8);
                    }
                }
                line.write(body, bodyPos, bodyLimit - bodyPos);
                bodyPos = 0;
                bodyLimit = 0;
                if (!fillBody()) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
            }
        }

        /**
         * Reads more of the answer into body, in bulk: the service writes every answer line as a chunk of its own, so
         * reading the data byte by byte would cost a lock per byte. False at the end of the answer.
         */
        private boolean fillBody() throws IOException {
            if (chunkLeft < 0) {
                return false;
            }
            if (chunkLeft == 0) {
                if (inChunk) {
                    readLine(); // the CRLF after the previous chunk's data
                }
                inChunk = true;
                chunkLeft = Long.parseLong(readLine().split(";")[0].trim(), 16);
                if (chunkLeft == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    chunkLeft = -1;
                    return false;
                }
            }
            int read = in.read(body, 0, (int) Math.min(body.length, chunkLeft));
            if (read < 0) {
                throw new EOFException("answer body cut short");
            }
            chunkLeft -= read;
            bodyLimit = read;
            return true;
        }
    }

    /**
     * Writes one stream's event lines, LINES_PER_CHUNK to a chunk, as fast as the service takes them (it stops reading
     * while its window is full: the writes then wait for TCP) but with at most --stream-ahead lines unanswered; at the
     * end of its window it ends the request with the zero-length chunk. It keeps when each line was written, for the
     * reader to take when that line's answer comes.
     *
     * <p>A warm-up stream starts with SLOW_START_LINES ahead, and every answer allows one more, up to --stream-ahead (TCP's
     * slow start): a service just started answers its first lines only after a second or more, and thousands of lines
     * written ahead of them would still wait for their answers long after the warm-up, delaying the measured stream past
     * its window. A warmed service reaches the full depth within a few answers' time.
     *
     * <p>With --rate it writes each chunk when its connection's {@link Pacer} says it is due (still within --stream-ahead),
     * and its lines count as written then: a chunk held back by a full window waits in the latency, as a late request does.
     */
    private final class StreamWriter extends Thread {
        private final Socket socket;
        private final OutputStream out;
        private final byte[] chunk;
        private final boolean measured;
        private final long end;
        private final long[] writtenAt;
        private final int mask;
        private final Semaphore room;
        /** The connection's timetable with --rate; null in a closed loop. */
        private final Pacer pacer;
        /** The permits of room in all: grows by one per answer up to --stream-ahead. The reader's alone. */
        private int granted;
        /** Lines written: the writer's alone, published before the lines go out, so no answer can come before it. */
        private volatile long written;
        private volatile long answeredLines;
        private volatile long firstAnswerAt;
        private volatile long lastAnswerAt;
        volatile boolean stopped;

        StreamWriter(String name, Socket socket, OutputStream out, byte[] chunk, boolean measured, long end, Pacer pacer) {
            super(name);
            this.pacer = pacer;
            this.socket = socket;
            this.out = out;
            this.chunk = chunk;
            this.measured = measured;
            this.end = end;
            // A power of two at least --stream-ahead: the places of unanswered lines never wrap onto each other.
            writtenAt = new long[Integer.highestOneBit(streamAhead - 1) << 1];
            mask = writtenAt.length - 1;
            granted = measured ? streamAhead : Math.min(streamAhead, SLOW_START_LINES);
            room = new Semaphore(granted);
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                long now;
                while (writeMore(now = System.nanoTime())) {
                    long due = pacer == null ? now : pacer.due(measured);
                    if (due > now) {
                        // Not due yet: waits in short steps, so that the end of the window and a stop are noticed.
                        parkUntil(Math.min(due, now + 20_000_000L));
                        continue;
                    }
                    // A bounded wait for room: the end of the window is noticed even when no answer comes.
                    if (room.tryAcquire(LINES_PER_CHUNK, 20, TimeUnit.MILLISECONDS)) {
                        long first = written;
                        long at = pacer == null ? System.nanoTime() : due;
                        for (int i = 0; i < LINES_PER_CHUNK; i++) {
                            writtenAt[(int) ((first + i) & mask)] = at;
                        }
                        if (pacer != null) {
                            pacer.sent();
                        }
                        written = first + LINES_PER_CHUNK;
                        out.write(chunk);
                    }
                }
                out.write(LAST_CHUNK);
                out.flush();
            } catch (IOException e) {
                if (!stopped) {
                    // The reader would otherwise wait for answers to lines that never went out, up to its timeout.
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Whether to write another chunk. A warm-up stream stops once the lines it has unanswered would take until the
         * end of the warm-up to be answered (at this stream's rate so far). Otherwise the service would spend the start
         * of the measured window answering warm-up lines while the measured stream waits for their end: time the
         * measured window counts, without its records.
         */
        private boolean writeMore(long now) {
            if (stopped || now >= end) {
                return false;
            }
            long done = answeredLines;
            if (measured || done < 100) {
                return true;
            }
            double nanosPerLine = (double) (lastAnswerAt - firstAnswerAt) / (done - 1);
            return now + (written - done) * nanosPerLine < end;
        }

        /** The answer to the oldest unanswered line came (answers come in line order): returns when it was written. */
        long answered(long now) throws IOException {
            long index = answeredLines;
            if (index >= written) {
                throw new IOException("an answer line came for an event line not written");
            }
            long at = writtenAt[(int) (index & mask)];
            if (index == 0) {
                firstAnswerAt = now;
            }
            lastAnswerAt = now;
            answeredLines = index + 1;
            int more = granted < streamAhead ? 1 : 0;
            granted += more;
            room.release(1 + more);
            return at;
        }
    }

    /**
     * The open loop's timetable of one connection (--rate). Its k-th send of a phase is due at the phase's start + (k x
     * connections + its index) x the interval between two sends of all the connections together: the connections' sends
     * interleave evenly and together make the rate, rather than all 64 going out at once every so often. The measured
     * window's timetable starts afresh at its start, so that a backlog of the warm-up (a fresh JVM) does not count in it.
     *
     * <p>Synchronized: a stream's writer takes its sends, and a writer that failed to end might still ask.
     */
    private static final class Pacer {
        private final int index;
        private final int connections;
        private final double intervalNanos;
        private final long measuredStart;
        private long phaseStart;
        private boolean measuring;
        private long sent;

        Pacer(int index, int connections, double intervalNanos, long begin, long measuredStart) {
            this.index = index;
            this.connections = connections;
            this.intervalNanos = intervalNanos;
            this.measuredStart = measuredStart;
            this.phaseStart = begin;
        }

        /** When the next send of the phase is due (System.nanoTime()); the first measured one starts that timetable. */
        synchronized long due(boolean measured) {
            if (measured && !measuring) {
                measuring = true;
                phaseStart = measuredStart;
                sent = 0;
            }
            return phaseStart + Math.round((sent * connections + index) * intervalNanos);
        }

        /** The send due went out. */
        synchronized void sent() {
            sent++;
        }

        /** Sends of the measured window due before its end that never went out. */
        synchronized long unsent(long end) {
            double slots = (end - measuredStart) / intervalNanos;
            long due = (long) Math.max(0, Math.ceil((slots - index) / connections));
            return Math.max(0, due - (measuring ? sent : 0));
        }
    }

    private static final String OFFSET_FIELD = "\"offset\":";
    private static final String ERROR_CODE_FIELD = "\"error_code\":";

    /**
     * Why a REST Proxy v2 answer of 200 does not acknowledge its {@code records} records, or null when it does: it
     * must have one offsets entry per record (each has an offset field), none with an error_code other than null.
     */
    static String offsetsProblem(String body, int records) {
        if (body == null || !body.contains("\"offsets\"")) {
            return "no offsets";
        }
        int failed = 0;
        for (int at = body.indexOf(ERROR_CODE_FIELD); at >= 0; at = body.indexOf(ERROR_CODE_FIELD, at + 1)) {
            if (!body.startsWith("null", at + ERROR_CODE_FIELD.length())) {
                failed++;
            }
        }
        int entries = occurrences(body, OFFSET_FIELD);
        if (failed > 0) {
            return failed + " of " + entries + " offsets with an error_code";
        }
        return entries == records ? null : entries + " offsets for " + records + " records";
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** An answer as shown in first_error: its start. */
    private static String shown(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    private static final Pattern JSON_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))");

    /** The status of a problem line, or -1 for a result line (an offset and no status). */
    static int problemStatus(String answer) throws IOException {
        String status = field(answer, "status");
        if (status != null) {
            return Integer.parseInt(status);
        }
        if (field(answer, "offset") != null) {
            return -1;
        }
        throw new IOException("an answer line that is neither a result nor a problem: " + answer);
    }

    /** The summary must count the lines as they came, and name the end of the request as the reason. */
    static void checkSummary(String summary, long results, long problems) throws IOException {
        if (!Long.toString(results).equals(field(summary, "acked"))
                || !Long.toString(problems).equals(field(summary, "failed"))
                || !"end-of-request".equals(field(summary, "reason"))) {
            throw new IOException("the summary " + summary + " came after " + results + " result and " + problems
                    + " problem lines");
        }
    }

    /** A number or string field of a flat JSON line (the first of that name), or null. */
    private static String field(String json, String name) {
        Matcher m = JSON_FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2) != null ? m.group(2) : m.group(3);
            }
        }
        return null;
    }

    /** Samples the service's resident memory every 200 ms while the measured window runs. */
    private static final class Sampler implements Runnable {
        private final long pid;
        volatile boolean measuring;
        volatile boolean stop;
        volatile long maxRssKb = -1;
        volatile long samples;

        Sampler(long pid) {
            this.pid = pid;
        }

        @Override
        public void run() {
            while (!stop && pid > 0) {
                if (measuring) {
                    long rss = statusKb(pid, "VmRSS:");
                    if (rss > maxRssKb) {
                        maxRssKb = rss;
                    }
                    samples++;
                }
                pause(200);
            }
        }

        /** A "kB" line of /proc/<pid>/status, or -1. */
        static long statusKb(long pid, String field) {
            if (pid <= 0) {
                return -1;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or the process is gone
            }
            return -1;
        }
    }

    /** CPU time counters, in clock ticks: a process's utime + stime, and the machine's busy and total time. */
    private record Ticks(long service, long broker, long self, long machineBusy, long machineTotal) {
        static final long CLK_TCK = Long.getLong("clk.tck", 100);

        static Ticks read(long servicePid, long brokerPid) {
            long busy = -1;
            long total = -1;
            try {
                String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0); // cpu user nice system idle iowait ...
                String[] f = cpu.trim().split("\\s+");
                total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return new Ticks(process(Long.toString(servicePid)), process(Long.toString(brokerPid)), process("self"),
                    busy, total);
        }

        static long process(String pid) {
            if (pid.startsWith("-")) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length); // nearest rank
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static String ms(long micros) {
        return micros < 0 ? "" : String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%s", d);
    }

    private static void sleepUntil(long nanoDeadline) throws InterruptedException {
        long left;
        while ((left = nanoDeadline - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
        }
    }

    /**
     * Waits until a paced send is due (System.nanoTime()), at most 100 ms at a time; returns at once when it passed.
     * parkNanos rather than Thread.sleep: an oversleep of up to a millisecond would count in every paced latency.
     */
    private static void parkUntil(long nanoDeadline) {
        long left;
        while ((left = nanoDeadline - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(Math.min(left, 100_000_000L));
        }
    }

    /** Sleeps until the deadline (System.nanoTime()); returns at once when it passed. */
    private static void pauseUntil(long nanoDeadline) {
        try {
            sleepUntil(nanoDeadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq > 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (name.equals("help")) {
                options.put(name, "");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                options.put(name, args[++i]);
            }
        }
        return options;
    }
}
