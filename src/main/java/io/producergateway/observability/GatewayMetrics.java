package io.producergateway.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.producergateway.delivery.InFlightLimiter;
import io.producergateway.event.ProblemType;

/**
 * The gateway's own meters. Tags are low-cardinality: outcome, reason (a problem type's slug, as in its {@code type}
 * URI, or a partitioning reason); never a key, an event id or a caller's topic name.
 */
@Singleton
public class GatewayMetrics {

    public static final String EVENTS = "gateway.events";
    public static final String EVENT_AGE = "gateway.event.age";
    public static final String WAIT = "gateway.event.wait";
    public static final String ACK_LATENCY = "gateway.ack.latency";
    public static final String IN_FLIGHT = "gateway.events.in.flight";
    public static final String IN_FLIGHT_FREE = "gateway.events.in.flight.free";
    public static final String IN_FLIGHT_BYTES = "gateway.events.in.flight.bytes";
    public static final String QUOTA_REFUSED = "gateway.quota.refused.events";

    /** The upper bounds of the timers' buckets (and +Inf): from a fast acknowledgement to a late event's age. */
    static final Duration[] BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            15_000, 30_000, 60_000, 300_000, 3_600_000).map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Timer eventAge;
    private final Timer waited;
    private final Timer ackLatency;
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> quotaRefused = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, InFlightLimiter limiter) {
        this.registry = registry;
        this.eventAge = timer(EVENT_AGE, "Event time to ingest: how old events are when they reach the gateway");
        this.waited = timer(WAIT, "Ingest until the producer took the event: parsing, topic lookup, partitioning");
        this.ackLatency = timer(ACK_LATENCY, "The producer took the event until Kafka acknowledged it");
        Gauge.builder(IN_FLIGHT, limiter, InFlightLimiter::events)
                .description("Events accepted and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder(IN_FLIGHT_FREE, limiter, l -> l.maxEvents() - l.events())
                .description("Room left for events in flight before the gateway answers 503")
                .register(registry);
        Gauge.builder(IN_FLIGHT_BYTES, limiter, InFlightLimiter::bytes).baseUnit("bytes")
                .description("Bytes of the events in flight")
                .register(registry);
        // From the start, so that an alert on it (and a test) sees 0 rather than nothing.
        counter("rejected", ProblemType.INTERNAL.slug());
    }

    public void eventAge(Duration age) {
        eventAge.record(age.isNegative() ? Duration.ZERO : age);
    }

    public void waited(Duration wait) {
        waited.record(wait);
    }

    public void acked(String partitionReason, Duration latency) {
        counter("acked", partitionReason).increment();
        ackLatency.record(latency);
    }

    /** Events of a request answered with a problem, nothing of it sent; internal-error for a request answered 500. */
    public void rejected(ProblemType reason, int events) {
        counter("rejected", reason.slug()).increment(events);
    }

    /**
     * Events of a request refused for its principal's quota; {@code principal} is a configured one (an API key's, a
     * quota of its own) or {@code other}, so the tag's values stay a bounded set.
     */
    public void quotaRefused(String principal, int events) {
        quotaRefused.computeIfAbsent(principal, p -> Counter.builder(QUOTA_REFUSED)
                .description("Events refused because their principal's quota was used up").tag("principal", p)
                .register(registry)).increment(events);
    }

    public void failed(ProblemType reason) {
        counter("failed", reason.slug()).increment();
    }

    public void deadLettered(ProblemType reason) {
        counter("dead-lettered", reason.slug()).increment();
    }

    public void deadLetterFailed(ProblemType reason) {
        counter("dead-letter-failed", reason.slug()).increment();
    }

    /**
     * A Prometheus histogram with fixed buckets ({@link #BUCKETS}): an observation is one increment, where
     * client-side percentiles cost a percentile sketch update per event (measured: 2-3% of a batch's CPU), and
     * buckets add up across pods, where quantiles do not.
     */
    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private Counter counter(String outcome, String reason) {
        // Kept here, not looked up per event: a builder and its tags are garbage on the hottest path. The tag values
        // are a closed set, so the map stays small.
        return counters.computeIfAbsent(outcome, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, ignored -> Counter.builder(EVENTS).description("Events by outcome and reason")
                        .tag("outcome", outcome).tag("reason", reason).register(registry));
    }
}
