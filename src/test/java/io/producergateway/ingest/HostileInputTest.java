package io.producergateway.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.problem.Problem;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Hostile input: a corpus of malformed and adversarial requests ({@code src/test/resources/hostile/cases.tsv}, one
 * file per case, the big ones generated here), each answered with its documented status and problem type, never a
 * 500 and never a hang, writing nothing unless the case is valid; slow clients are cut off; and the service is
 * healthy afterwards.
 * <p>
 * Requests go over a raw socket, byte for byte as the corpus has them (invalid UTF-8, NUL bytes, lying
 * Content-Length). Every read has a socket timeout of {@link #ANSWER_BOUND}: a request the service does not answer
 * in that time fails its case as a hang. No other timing is asserted.
 */
@QuarkusTest
@TestProfile(HostileInputTest.Hardened.class)
@WithTestResource(SharedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    /**
     * A hardened gateway: connection bounds short enough for a test, and the leader delivery profile switched off by
     * the operator (a caller asking for it gets 422, case 183). Quarkus' default {@code quarkus.http.idle-timeout} is 30 minutes: a
     * client that stops sending in the middle of a body holds its connection that long. The HTTP idle timeout must
     * stay above the longest silent wait of an answer: a synchronous request waiting for Kafka
     * ({@code gateway.delivery.timeout}) and a silent stream ({@code gateway.stream.idle-timeout}), or the connection
     * is cut instead of answered (and a client retrying an event that may have been written makes a duplicate).
     */
    public static class Hardened implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.idle-timeout", "10s",
                    "gateway.stream.idle-timeout", "2s",
                    "gateway.ingest.body-timeout", "5s",
                    "gateway.delivery.timeout", "5s",
                    "gateway.delivery.profiles", "durable,fire-and-forget");
        }
    }

    /** The longest the test waits for any byte of an answer: longer means the service hangs. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(20);
    private static final String CORPUS = "/hostile/";
    private static final String PROBLEM_PREFIX = "urn:producer-gateway:problem:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the service logs at ERROR while this class runs: a hostile request is answered, never an error. */
    private static final List<String> ERRORS = new CopyOnWriteArrayList<>();
    private static final Handler ERROR_WATCH = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                ERRORS.add(record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
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

    @BeforeAll
    static void watchErrors() {
        java.util.logging.Logger.getLogger("").addHandler(ERROR_WATCH);
    }

    @AfterAll
    static void stopWatching() {
        java.util.logging.Logger.getLogger("").removeHandler(ERROR_WATCH);
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** One line of cases.tsv. */
    record Case(String id, String request, String contentType, String body, String headers, String status,
            String type, int records, String stored, String note) {

        static Case parse(String line) {
            String[] c = line.split("\t", -1);
            if (c.length != 10) {
                throw new IllegalArgumentException("cases.tsv: 10 tab-separated columns expected, got " + c.length
                        + ": " + line);
            }
            return new Case(c[0], c[1], c[2], c[3], c[4], c[5], c[6], Integer.parseInt(c[7]), c[8], c[9]);
        }

        /** A service issue outside the readers, reported and not fixed yet: skipped while the answer differs. */
        boolean known() {
            return note.startsWith("known:");
        }

        boolean stream() {
            return MediaTypes.NDJSON.equals(contentType);
        }

        @Override
        public String toString() {
            return id + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }

    /** The cases of cases.tsv; {@code -Dhostile.cases=<regex>} runs those whose id matches (to look at one). */
    static Stream<Case> cases() {
        String index = new String(resource("cases.tsv"), StandardCharsets.UTF_8);
        List<Case> cases = index.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(Case::parse).toList();
        assertTrue(cases.size() > 100, "the corpus is read");
        String only = System.getProperty("hostile.cases", "");
        return cases.stream().filter(c -> only.isEmpty() || c.id().matches(only));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void everyHostileRequestGetsItsDocumentedAnswer(Case c) throws Exception {
        System.out.println("hostile case " + c.id());
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("hostile"), 2);

        Answer answer = exchange(request(c, topic)); // fails the case if the service hangs

        assertTrue(answer.status < 500 || c.status().equals(Integer.toString(answer.status)), c.id()
                + ": never a 5xx for bad input (unless documented, as Kafka's refusal): " + answer);
        try {
            assertAnswer(c, answer, kafka.readAll(topic));
        } catch (AssertionFailedError e) {
            if (c.known()) {
                Assumptions.abort(c.id() + ": " + c.note() + " -- " + e.getMessage());
            }
            throw e;
        }
    }

    private static void assertAnswer(Case c, Answer answer, List<ConsumerRecord<byte[], byte[]>> written)
            throws IOException {
        if (c.status().equals("closed")) {
            assertEquals(-1, answer.status, c.id() + ": the connection is closed without an answer, got " + answer);
        } else {
            assertEquals(Integer.parseInt(c.status()), answer.status, c.id() + ": " + answer);
            if (c.stream()) {
                assertStream(c, answer);
            } else if (c.type().equals("ok")) {
                assertTrue(answer.contentType().startsWith("application/"), c.id() + ": " + answer);
                assertFalse(answer.contentType().startsWith(Problem.MEDIA_TYPE), c.id() + ": " + answer);
            } else if (!c.type().equals("-")) {
                assertProblem(c.id(), answer, Integer.parseInt(c.status()), c.type());
            }
        }
        assertEquals(c.records(), written.size(), c.id() + ": records in the topic" + (c.records() == 0
                ? " (a refused request must write nothing)" : ""));
        if (!c.stored().equals("-")) {
            assertEquals(c.stored(), new String(written.get(0).value(), StandardCharsets.UTF_8), c.id()
                    + ": the stored value");
        }
    }

    /** A client that stops in the middle of its body is disconnected once the connection is idle, not held. */
    @Test
    @Order(2)
    void aBodyThatStopsComingIsCutOff() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("hostile-stalled"), 2);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", "/v1/topics/" + topic + "/events", "application/json",
                    "Content-Length: 100\r\n"));
            out.write("{\"value\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer answer = read(socket.getInputStream());
            assertTrue(answer.status == -1 || answer.status == 408, "closed, or 408: " + answer);
        }
        assertEquals(0, kafka.readAll(topic).size());
    }

    /**
     * Slowloris: a body of 100 bytes sent one byte a second. Every byte resets an idle timeout, so only a deadline on
     * the whole body cuts it off: the service must answer 408 (or close) before the client has sent 30 of them.
     */
    @Test
    @Order(3)
    void aBodyTrickledByteByByteIsCutOff() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("hostile-slowloris"), 2);
        byte[] body = ("{\"value\":\"" + "x".repeat(88) + "\"}").getBytes(StandardCharsets.US_ASCII);
        assertEquals(100, body.length);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head("POST", "/v1/topics/" + topic + "/events", "application/json",
                    "Content-Length: 100\r\n"));
            out.flush();
            socket.setSoTimeout(1000); // the pace of the trickle: one byte, then a second waiting for an answer
            int sent = 0;
            boolean cut = false;
            while (sent < 30 && !cut) {
                try {
                    out.write(body[sent++]);
                    out.flush();
                } catch (IOException closed) {
                    cut = true;
                    break;
                }
                try {
                    int first = in.read();
                    cut = true;
                    if (first >= 0) {
                        socket.setSoTimeout((int) ANSWER_BOUND.toMillis());
                        Answer answer = read(new java.io.SequenceInputStream(
                                new java.io.ByteArrayInputStream(new byte[] { (byte) first }), in));
                        assertTrue(answer.status == 408 || answer.status >= 400 && answer.status < 500,
                                "a trickled body is refused with 408, got " + answer);
                    }
                } catch (SocketTimeoutException stillReading) {
                    // the service is still waiting for the rest: send the next byte
                }
            }
            assertTrue(cut, "after " + sent + " bytes at one a second the service still waits for the body of 100 "
                    + "bytes: a slow client holds a connection (and its buffers) as long as it likes");
        }
        assertEquals(0, kafka.readAll(topic).size());
    }

    /** A stream that sends nothing ends after gateway.stream.idle-timeout (2 s here) with its summary line. */
    @Test
    @Order(4)
    void aSilentStreamEndsWithAnIdleTimeoutSummary() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("hostile-silent-stream"), 2);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST", "/v1/topics/" + topic + "/events", MediaTypes.NDJSON,
                    "Transfer-Encoding: chunked\r\n"));
            out.flush();
            Answer answer = read(socket.getInputStream()); // the client never ends its request
            assertEquals(200, answer.status, answer.toString());
            List<String> lines = answer.text().lines().toList();
            assertEquals(1, lines.size(), answer.toString());
            JsonNode summary = MAPPER.readTree(lines.get(0)).get("summary");
            assertEquals("idle-timeout", summary.get("reason").asText(), lines.get(0));
            assertEquals(0, summary.get("acked").asInt());
            assertEquals(0, summary.get("failed").asInt());
        }
        assertEquals(0, kafka.readAll(topic).size());
    }

    /** After all of the above: alive, ready, and a normal event is acknowledged; no request was ever answered 500. */
    @Test
    @Order(5)
    void theServiceIsHealthyAfterwards() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("hostile-after"), 2);
        Answer answer = exchange(new Request(head("POST", "/v1/topics/" + topic + "/events", "application/json",
                "Content-Length: 24\r\n"), "{\"key\":\"k\",\"value\":\"ok\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, answer.status, answer.toString());
        assertEquals("\"ok\"", new String(kafka.readAll(topic).get(0).value(), StandardCharsets.UTF_8));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> answered = metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).toList();
        assertTrue(answered.stream().anyMatch(l -> l.contains("status=\"400\"")), "the HTTP meters saw the corpus");
        List<String> serverErrors = answered.stream().filter(l -> l.contains("status=\"5")).toList();
        assertEquals(List.of(), serverErrors, "no request was answered 5xx");
        String internal = metrics.lines().filter(l -> l.startsWith("gateway_events_total{")
                && l.contains("outcome=\"rejected\"") && l.contains("reason=\"internal-error\"")).findFirst()
                .orElseThrow(() -> new AssertionFailedError("no internal-error meter in " + metrics));
        assertEquals(0.0, Double.parseDouble(internal.substring(internal.lastIndexOf(' ') + 1)),
                "no request was counted as an internal error: " + internal);
        assertEquals(List.of(), ERRORS, "nothing was logged at ERROR: every hostile request is an answer");
    }

    // ---- requests ----

    /** Bytes to send: the head (request line and headers), then the body, written while the answer is read. */
    record Request(byte[] head, byte[] body, boolean halfClose) {

        Request(byte[] head, byte[] body) {
            this(head, body, false);
        }
    }

    private Request request(Case c, String topic) {
        if (c.request().equals("raw")) {
            byte[] raw = c.body().startsWith("gen:") ? generateRaw(c.body(), topic) : resource(c.body());
            String text = new String(raw, StandardCharsets.ISO_8859_1).replace("{topic}", topic)
                    .replace("{port}", Integer.toString(port));
            // A body cut short: the client says it is done (FIN) without sending what its Content-Length promised.
            return new Request(text.getBytes(StandardCharsets.ISO_8859_1), new byte[0], c.body().contains("cut-short"));
        }
        String path = switch (c.request()) {
            case "v1" -> "/v1/topics/" + topic + "/events";
            case "v2" -> "/topics/" + topic;
            default -> throw new IllegalArgumentException(c.id() + ": unknown request " + c.request());
        };
        byte[] body = c.body().equals("-") ? new byte[0]
                : c.body().startsWith("gen:") ? generate(c.body()) : resource(c.body());
        StringBuilder headers = new StringBuilder();
        if (c.stream()) {
            headers.append("Transfer-Encoding: chunked\r\n");
            body = chunked(body, 64 * 1024);
        } else {
            headers.append("Content-Length: ").append(body.length).append("\r\n");
        }
        headers.append(extraHeaders(c.headers()));
        return new Request(head("POST", path, c.contentType().equals("-") ? null : c.contentType(),
                headers.toString()), body);
    }

    private byte[] head(String method, String path, String contentType, String headers) {
        return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String extraHeaders(String spec) {
        if (spec.equals("-")) {
            return "";
        }
        StringBuilder headers = new StringBuilder();
        if (spec.startsWith("gen:")) {
            String[] g = spec.split(":");
            int n = Integer.parseInt(g[2]);
            switch (g[1]) {
                case "http-header-name" -> headers.append("X-").append("h".repeat(n)).append(": v\r\n");
                case "http-headers" -> {
                    for (int i = 0; i < n; i++) {
                        headers.append("X-H-").append(i).append(": v\r\n");
                    }
                }
                default -> throw new IllegalArgumentException("unknown header generator " + spec);
            }
            return headers.toString();
        }
        for (String header : spec.split(" \\| ")) {
            headers.append(header).append("\r\n");
        }
        return headers.toString();
    }

    /** The big cases, made here rather than checked in: {@code gen:<kind>:<n>}. */
    static byte[] generate(String spec) {
        String[] g = spec.split(":");
        int n = Integer.parseInt(g[2]);
        StringBuilder b = new StringBuilder();
        switch (g[1]) {
            case "events" -> { // [{"value":0},...]: n events
                b.append('[');
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append("{\"value\":").append(i).append('}');
                }
                b.append(']');
            }
            case "records" -> { // the same in REST Proxy v2's body
                b.append("{\"records\":[");
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append("{\"value\":").append(i).append('}');
                }
                b.append("]}");
            }
            case "empty-objects" -> b.append('[').append("{},".repeat(n - 1)).append("{}]");
            case "invalid-events" -> b.append('[').append("{\"key\":\"k\"},".repeat(n - 1)).append("{\"key\":\"k\"}]");
            case "nested-arrays" -> b.append("{\"value\":").append("[".repeat(n)).append("]".repeat(n)).append('}');
            case "v2-nested-arrays" -> b.append("{\"records\":[{\"value\":").append("[".repeat(n))
                    .append("]".repeat(n)).append("}]}");
            case "nested-objects" -> b.append("{\"value\":").append("{\"a\":".repeat(n - 1)).append("{}")
                    .append("}".repeat(n - 1)).append('}');
            case "open-arrays" -> b.append("{\"value\":").append("[".repeat(n));
            case "value-array" -> {
                b.append("{\"value\":[");
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append(i);
                }
                b.append("]}");
            }
            case "event-headers" -> {
                b.append("{\"value\":1,\"headers\":{");
                for (int i = 0; i < n; i++) {
                    b.append(i == 0 ? "" : ",").append("\"h").append(i).append("\":\"v\"");
                }
                b.append("}}");
            }
            case "event-header-name" -> b.append("{\"value\":1,\"headers\":{\"").append("h".repeat(n)).append("\":\"v\"}}");
            case "key" -> b.append("{\"key\":\"").append("k".repeat(n)).append("\",\"value\":1}");
            case "digits" -> b.append("{\"value\":").append("9".repeat(n)).append('}');
            case "body-bytes" -> b.append("{\"value\":\"").append("x".repeat(n - 12)).append("\"}"); // n bytes in all
            case "ndjson-long-line" -> b.append("{\"value\":1}\n{\"value\":\"").append("x".repeat(n))
                    .append("\"}\n{\"value\":3}\n");
            case "ndjson-nested" -> b.append("{\"value\":").append("[".repeat(n)).append("]".repeat(n))
                    .append("}\n{\"value\":\"after\"}\n");
            default -> throw new IllegalArgumentException("unknown body generator " + spec);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] generateRaw(String spec, String topic) {
        String[] g = spec.split(":");
        int n = Integer.parseInt(g[2]);
        String path = "/v1/topics/" + topic + "/events";
        return switch (g[1]) {
            case "raw-long-uri" -> concat(head("POST", path + "?pad=" + "p".repeat(n), "application/json",
                    "Content-Length: 11\r\n"), "{\"value\":1}".getBytes(StandardCharsets.US_ASCII));
            case "raw-chunked" -> concat(head("POST", path, "application/json", "Transfer-Encoding: chunked\r\n"),
                    chunked(generate("gen:body-bytes:" + n), 64 * 1024));
            case "raw-cut-short" -> concat(head("POST", path, "application/json", "Content-Length: " + n + "\r\n"),
                    "{\"value\":1}".getBytes(StandardCharsets.US_ASCII));
            default -> throw new IllegalArgumentException("unknown raw generator " + spec);
        };
    }

    private static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += size) {
            int length = Math.min(size, body.length - from);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, from, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] resource(String name) {
        try (InputStream in = HostileInputTest.class.getResourceAsStream(CORPUS + name)) {
            assertNotNull(in, "missing corpus file " + CORPUS + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- answers ----

    /** What came back: status -1 when the connection was closed before any answer. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = text();
            return "HTTP " + status + " " + headers + " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ANSWER_BOUND.toMillis());
        socket.setSoTimeout((int) ANSWER_BOUND.toMillis());
        return socket;
    }

    /**
     * Sends the request (the body from another thread, so that an answer given before the whole body was read, like
     * 413, is read rather than lost in a write blocked on a full buffer) and reads the answer.
     */
    private Answer exchange(Request request) throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(request.head());
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    for (int from = 0; from < request.body().length; from += 64 * 1024) {
                        out.write(request.body(), from, Math.min(64 * 1024, request.body().length - from));
                    }
                    out.flush();
                    if (request.halfClose()) {
                        socket.shutdownOutput();
                    }
                } catch (IOException closedByTheServer) {
                    // an early answer (413) closes the connection while the body is still being written
                }
            }, "hostile-writer");
            writer.setDaemon(true);
            writer.start();
            Answer answer = read(socket.getInputStream());
            writer.join(ANSWER_BOUND.toMillis());
            return answer;
        } catch (SocketTimeoutException hang) {
            fail("no answer within " + ANSWER_BOUND.toSeconds() + " s: the service hangs on this request");
            throw hang;
        }
    }

    /** One HTTP/1.1 answer (after any 100 Continue), its body by Content-Length, chunks, or up to the close. */
    private static Answer read(InputStream in) throws IOException {
        while (true) {
            String statusLine = line(in);
            if (statusLine == null) {
                return new Answer(-1, Map.of(), new byte[0]);
            }
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            if (status == 100) {
                continue;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else {
                body.write(in.readAllBytes());
            }
            return new Answer(status, headers, body.toByteArray());
        }
    }

    /** A CRLF-terminated line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = readByte(in)) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static int readByte(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1; // a reset after (or instead of) the answer ends it like a close
        }
    }

    private static void assertProblem(String id, Answer answer, int status, String type) throws IOException {
        assertTrue(answer.contentType().startsWith(Problem.MEDIA_TYPE), id + ": a problem body: " + answer);
        JsonNode problem = MAPPER.readTree(answer.body());
        assertEquals(PROBLEM_PREFIX + type, problem.path("type").asText(), id + ": " + answer);
        assertEquals(status, problem.path("status").asInt(), id + ": " + answer);
        assertFalse(problem.path("detail").asText().contains("Exception"), id + ": no exception in the detail: "
                + answer);
        assertTrue(answer.body().length < 64 * 1024, id + ": a bounded answer: " + answer.body().length + " bytes");
    }

    /** A stream's answer: one line per line sent, in order, then the summary. */
    private static void assertStream(Case c, Answer answer) throws IOException {
        assertTrue(answer.contentType().startsWith(MediaTypes.NDJSON), c.id() + ": " + answer);
        String[] expected = c.type().split(";reason=");
        List<String> perLine = List.of(expected[0].split(","));
        List<String> lines = answer.text().lines().toList();
        assertEquals(perLine.size() + 1, lines.size(), c.id() + ": one line per event and a summary: " + answer);
        List<String> got = new ArrayList<>();
        for (String line : lines.subList(0, perLine.size())) {
            JsonNode node = MAPPER.readTree(line);
            got.add(node.has("offset") ? "ok" : node.path("type").asText().replace(PROBLEM_PREFIX, ""));
        }
        assertEquals(perLine, got, c.id() + ": " + answer);
        JsonNode summary = MAPPER.readTree(lines.get(lines.size() - 1)).get("summary");
        assertNotNull(summary, c.id() + ": the last line is the summary: " + answer);
        assertEquals(expected[1], summary.get("reason").asText(), c.id());
        assertEquals(c.records(), summary.get("acked").asInt(), c.id());
    }
}
