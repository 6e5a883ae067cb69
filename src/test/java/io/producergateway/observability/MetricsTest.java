package io.producergateway.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The meters on /q/metrics move with traffic, with the names the README and the dashboard use. */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class MetricsTest {

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void metersMoveWithTraffic() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("metrics"), 2);
        String before = metrics();
        long oneMinuteAgo = System.currentTimeMillis() - 60_000;

        given().contentType("application/json")
                .body("[{\"value\":1,\"timestamp\":" + oneMinuteAgo + "},{\"value\":2},{\"value\":3}]")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        given().contentType("application/json").body("{\"value\":1,\"partition\":9}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(422);
        given().contentType("application/json").body("{not json")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(400);

        String after = metrics();
        assertEquals(3.0, delta(before, after, "gateway_events_total{outcome=\"acked\",reason=\"round-robin\"}"));
        assertEquals(1.0, delta(before, after,
                "gateway_events_total{outcome=\"rejected\",reason=\"partition-out-of-range\"}"));
        assertEquals(1.0, delta(before, after, "gateway_events_total{outcome=\"rejected\",reason=\"malformed-request\"}"));
        // Every event that reached the pipeline has an age, the refused one included; the malformed body had none.
        assertEquals(4.0, delta(before, after, "gateway_event_age_seconds_count"));
        assertTrue(value(after, "gateway_event_age_seconds_max") >= 59.0, "a minute-old event is seen as such");
        // A histogram with fixed buckets: the minute-old event is above the 30 s bucket, within the 5 min one.
        assertEquals(3.0, delta(before, after, "gateway_event_age_seconds_bucket{le=\"30.0\"}"));
        assertEquals(4.0, delta(before, after, "gateway_event_age_seconds_bucket{le=\"300.0\"}"));
        assertEquals(3.0, delta(before, after, "gateway_ack_latency_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(3.0, delta(before, after, "gateway_event_wait_seconds_count"));
        assertEquals(3.0, delta(before, after, "gateway_ack_latency_seconds_count"));
        assertEquals(0.0, value(after, "gateway_events_in_flight"));
        assertEquals(10000.0, value(after, "gateway_events_in_flight_free"));
        for (String producerMeter : Map.of(
                "kafka_producer_record_send_total", "", "kafka_producer_batch_size_avg", "",
                "kafka_producer_record_queue_time_avg", "", "kafka_producer_buffer_available_bytes", "",
                "kafka_producer_request_latency_avg", "", "kafka_producer_record_error_total", "",
                "kafka_producer_record_retry_total", "").keySet()) {
            assertTrue(after.lines().anyMatch(l -> l.startsWith(producerMeter + "{")
                    && l.contains("client_id=\"producer-gateway\"")), producerMeter + " of the produce channel");
        }
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The value of one series: the name with its labels in Prometheus order, or 0 when absent. */
    private static double value(String metrics, String series) {
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        Matcher labels = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(series);
        java.util.List<String> wanted = new java.util.ArrayList<>();
        while (labels.find()) {
            wanted.add(labels.group(0));
        }
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> wanted.stream().allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0.0);
    }
}
