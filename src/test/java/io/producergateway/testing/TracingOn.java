package io.producergateway.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway with tracing switched on as a user does it (the SDK and the connector's tracing), every span kept
 * by {@link InMemorySpans} for the tests to read (Quarkus sends nothing to an OTLP endpoint while an exporter bean is
 * there), the access log on, and the connector's window at one record.
 */
public class TracingOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "mp.messaging.connector.smallrye-kafka.tracing-enabled", "true",
                "quarkus.otel.bsp.schedule.delay", "100ms",
                "quarkus.http.access-log.enabled", "true",
                // The connector takes one record at a time: the others wait in the emitter's buffer and are sent
                // from the thread of whichever request's record Kafka acknowledged, yet each keeps its own trace.
                "mp.messaging.connector.smallrye-kafka.max-inflight-messages", "1");
    }
}
