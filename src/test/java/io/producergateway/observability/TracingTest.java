package io.producergateway.observability;

import static io.producergateway.testing.Records.header;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.producergateway.delivery.DeadLetters;
import io.producergateway.testing.ChunkedPost;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.TracingOn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * With tracing on, every request has a server span (a child of the caller's {@code traceparent} when it sends one),
 * every record a producer span that is the server span's child, and every record, whatever the API, carries the
 * W3C {@code traceparent} (and the caller's {@code tracestate}) of its producer span, read back from Kafka.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@WithTestResource(SharedKafka.class)
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACESTATE = "gateway-test=t61rcWkgMzE";

    private final KafkaTestClient kafka = SharedKafka.client();

    @Inject
    InMemorySpanExporter exporter;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aRecordContinuesTheCallersTraceThroughTheServerAndProducerSpans() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-v1"), 1);
        Caller caller = new Caller();

        caller.request().contentType("application/json").body("{\"key\":\"k\",\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);

        ConsumerRecord<byte[], byte[]> record = kafka.awaitRecords(topic, 1).get(0);
        SpanData server = caller.serverSpan();
        assertEquals(caller.spanId, server.getParentSpanId(), "the caller's span is the server span's parent");
        SpanData producer = caller.producerSpans(1).get(0);
        assertEquals(server.getSpanId(), producer.getParentSpanId(), "the producer span is the server span's child");
        assertEquals("00-" + caller.traceId + "-" + producer.getSpanId() + "-01", header(record, "traceparent"));
        assertEquals(TRACESTATE, header(record, "tracestate"), "the caller's tracestate goes along");
        assertEquals(topic, producer.getAttributes().asMap().entrySet().stream()
                .filter(a -> a.getKey().getKey().equals("messaging.destination.name")).findFirst()
                .orElseThrow().getValue(), "the producer span names the topic");
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceItsRecordsContinue() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-new"), 1);

        given().contentType("application/json").body("{\"value\":1}").post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200);

        String traceparent = header(kafka.awaitRecords(topic, 1).get(0), "traceparent");
        assertNotNull(traceparent);
        String traceId = traceparent.split("-")[1];
        SpanData server = await(traceId, SpanKind.SERVER, 1).get(0);
        assertEquals(server.getSpanId(), await(traceId, SpanKind.PRODUCER, 1).get(0).getParentSpanId());
    }

    @Test
    void everyRecordOfABatchSyncAsyncOrAtomicHasItsOwnProducerSpanInTheRequestsTrace() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-batch"), 2);
        String batch = "[{\"value\":1,\"partition\":0},{\"value\":2,\"partition\":1},{\"value\":3,\"partition\":0}]";
        Caller sync = new Caller();
        Caller async = new Caller();
        Caller atomic = new Caller();

        sync.request().contentType("application/json").body(batch).post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200);
        async.request().contentType("application/json").header("Prefer", "respond-async").body(batch)
                .post("/v1/topics/{topic}/events", topic).then().statusCode(202);
        atomic.request().contentType("application/json").queryParam("atomic", true).body(batch)
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecords(topic, 9);
        for (Caller caller : List.of(sync, async, atomic)) {
            caller.assertRecords(records, 3);
        }
        assertEquals(3, caller(kafka.readAll(topic, IsolationLevel.READ_COMMITTED), atomic).size(),
                "the atomic batch's records are committed with their trace");
    }

    @Test
    void restProxyV2AndV3RecordsCarryTheirRequestsTrace() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-proxy"), 1);
        Caller v2 = new Caller();
        Caller v3 = new Caller();

        v2.request().contentType("application/vnd.kafka.json.v2+json")
                .body("{\"records\":[{\"value\":{\"a\":1}},{\"value\":{\"a\":2}}]}").post("/topics/{topic}", topic)
                .then().statusCode(200);
        v3.request().contentType("application/json").body("{\"value\":{\"type\":\"JSON\",\"data\":3}}")
                .post("/v3/clusters/{cluster}/topics/{topic}/records", clusterId(), topic)
                .then().statusCode(200);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecords(topic, 3);
        v2.assertRecords(records, 2);
        v3.assertRecords(records, 1);
    }

    @Test
    void everyRecordOfAStreamIsAChildOfTheStreamsServerSpan() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-streams"), 1);
        Caller ndjson = new Caller();
        Caller v3 = new Caller();

        assertEquals(200, ChunkedPost.send(port, "/v1/topics/" + topic + "/events", "application/x-ndjson",
                "{\"value\":1}\n{\"value\":2}\n", ndjson.headers()).statusCode());
        assertEquals(200, ChunkedPost.send(port, "/v3/clusters/" + clusterId() + "/topics/" + topic + "/records",
                "application/json", "{\"value\":{\"type\":\"JSON\",\"data\":3}} {\"value\":{\"type\":\"JSON\","
                        + "\"data\":4}}",
                v3.headers()).statusCode());

        List<ConsumerRecord<byte[], byte[]>> records = kafka.awaitRecords(topic, 4);
        ndjson.assertRecords(records, 2);
        v3.assertRecords(records, 2);
    }

    @Test
    void aDeadLetterStaysInTheTraceOfTheRequestThatSentTheEvent() {
        String deadLetters = "producer-gateway-dead-letters";
        kafka.ensureTopic(deadLetters, 1);
        // A compacted topic's broker refuses a keyless record after the 202: the event goes to the dead letters.
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-dead"), 1,
                Map.of("cleanup.policy", "compact"));
        Caller caller = new Caller();

        caller.request().contentType("application/json").header("Prefer", "respond-async").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(202);

        ConsumerRecord<byte[], byte[]> dead = Awaitility.await().atMost(WAIT).until(() -> kafka.readAll(deadLetters)
                .stream().filter(r -> topic.equals(header(r, DeadLetters.HEADER_TOPIC))).findFirst().orElse(null),
                r -> r != null);
        String server = caller.serverSpan().getSpanId();
        List<SpanData> producers = caller.producerSpans(2);
        assertTrue(producers.stream().allMatch(s -> s.getParentSpanId().equals(server)),
                "the refused send and the dead letter are both children of the request's server span");
        assertTrue(header(dead, "traceparent").startsWith("00-" + caller.traceId + "-"), header(dead, "traceparent"));
        assertEquals(1, StreamSupport.stream(dead.headers().headers("traceparent").spliterator(), false).count(),
                "one traceparent: the dead letter's own");
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentMakeNoSpans() {
        Caller probe = new Caller();
        probe.request().get("/q/health/ready");
        probe.request().get("/q/metrics").then().statusCode(200);
        probe.request().get("/q/openapi").then().statusCode(200);
        // A produce request after them: once its spans are exported, theirs would have been too.
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-after-probes"), 1);
        Caller marker = new Caller();
        marker.request().contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        marker.producerSpans(1);

        assertEquals(List.of(), spans(probe.traceId, null));
    }

    @Test
    void theAccessLogNamesEachRequestsTraceAndSpan() throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("traced-access-log"), 1);
        Caller events = new Caller();
        Caller stream = new Caller();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger accessLog = Logger.getLogger("io.quarkus.http.access-log");
        accessLog.addHandler(handler);
        try {
            events.request().contentType("application/json").body("{\"value\":1}")
                    .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
            ChunkedPost.send(port, "/v1/topics/" + topic + "/events", "application/x-ndjson", "{\"value\":2}\n",
                    stream.headers());

            for (Caller caller : List.of(events, stream)) {
                String server = caller.serverSpan().getSpanId();
                Awaitility.await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains("POST /v1/topics/"
                        + topic + "/events") && l.contains("traceId=" + caller.traceId + " spanId=" + server)));
            }
        } finally {
            accessLog.removeHandler(handler);
        }
    }

    private String clusterId() {
        try {
            return kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The test broker did not say its cluster id", e);
        }
    }

    /** The spans of the trace, of the kind (any kind: null), as exported so far. */
    private List<SpanData> spans(String traceId, SpanKind kind) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && (kind == null || s.getKind() == kind)).toList();
    }

    private List<SpanData> await(String traceId, SpanKind kind, int count) {
        return Awaitility.await().atMost(WAIT).until(() -> spans(traceId, kind), s -> s.size() >= count);
    }

    private static List<ConsumerRecord<byte[], byte[]>> caller(List<ConsumerRecord<byte[], byte[]>> records,
            Caller caller) {
        return records.stream().filter(r -> String.valueOf(header(r, "traceparent"))
                .startsWith("00-" + caller.traceId + "-")).toList();
    }

    /** A caller in a trace of its own: its requests carry its traceparent (sampled) and tracestate. */
    private final class Caller {
        final String traceId = UUID.randomUUID().toString().replace("-", "");
        final String spanId = traceId.substring(0, 16);

        Map<String, String> headers() {
            return Map.of("traceparent", "00-" + traceId + "-" + spanId + "-01", "tracestate", TRACESTATE);
        }

        RequestSpecification request() {
            return given().headers(headers());
        }

        SpanData serverSpan() {
            return await(traceId, SpanKind.SERVER, 1).get(0);
        }

        List<SpanData> producerSpans(int count) {
            return await(traceId, SpanKind.PRODUCER, count);
        }

        /** Its records among these: as many as it sent, each with the traceparent of its own producer span. */
        void assertRecords(List<ConsumerRecord<byte[], byte[]>> records, int count) {
            List<ConsumerRecord<byte[], byte[]>> mine = caller(records, this);
            assertEquals(count, mine.size(), "records in trace " + traceId);
            String server = serverSpan().getSpanId();
            List<SpanData> producers = producerSpans(count);
            for (ConsumerRecord<byte[], byte[]> record : mine) {
                String producerSpan = header(record, "traceparent").split("-")[2];
                assertTrue(producers.stream().anyMatch(s -> s.getSpanId().equals(producerSpan)
                        && s.getParentSpanId().equals(server)), "record " + record.offset() + "'s producer span is "
                                + "a child of its request's server span");
                assertEquals(TRACESTATE, header(record, "tracestate"));
            }
        }
    }
}
