package io.producergateway.observability;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.producergateway.delivery.InFlightLimiter;
import io.producergateway.ingest.ProblemType;

/**
 * The gateway's own meters. Tags are low-cardinality: outcome, reason (a problem type or a partitioning reason);
 * never a key, an event id or a caller's topic name.
 */
@ApplicationScoped
public class GatewayMetrics {

    public static final String EVENTS = "gateway.events";
    public static final String ACK_LATENCY = "gateway.ack.latency";
    public static final String IN_FLIGHT = "gateway.events.in.flight";

    private final MeterRegistry registry;
    private final Timer ackLatency;

    public GatewayMetrics(MeterRegistry registry, InFlightLimiter limiter) {
        this.registry = registry;
        this.ackLatency = Timer.builder(ACK_LATENCY)
                .description("Time from handing an event to the producer until Kafka acknowledged it")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder(IN_FLIGHT, limiter, InFlightLimiter::events)
                .description("Events accepted and not yet acknowledged by Kafka")
                .register(registry);
    }

    public void acked(String partitionReason, Duration latency) {
        counter("acked", partitionReason).increment();
        ackLatency.record(latency);
    }

    public void rejected(ProblemType reason, int events) {
        counter("rejected", slug(reason)).increment(events);
    }

    public void failed(ProblemType reason) {
        counter("failed", slug(reason)).increment();
    }

    public void deadLettered(ProblemType reason) {
        counter("dead-lettered", slug(reason)).increment();
    }

    public void deadLetterFailed(ProblemType reason) {
        counter("dead-letter-failed", slug(reason)).increment();
    }

    private Counter counter(String outcome, String reason) {
        // Micrometer keeps one counter per name and tags; the lookup is cheap and the tag values are a closed set.
        return Counter.builder(EVENTS).description("Events by outcome and reason")
                .tag("outcome", outcome).tag("reason", reason).register(registry);
    }

    private static String slug(ProblemType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
