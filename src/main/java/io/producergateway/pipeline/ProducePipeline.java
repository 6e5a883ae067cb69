package io.producergateway.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.delivery.AtomicSender;
import io.producergateway.delivery.DeadLetters;
import io.producergateway.delivery.DeliveryProfile;
import io.producergateway.delivery.DeliveryFailures;
import io.producergateway.delivery.EventSender;
import io.producergateway.delivery.InFlightLimiter;
import io.producergateway.delivery.ShutdownDrain;
import io.producergateway.delivery.TopicCatalog;
import io.producergateway.delivery.TopicCatalog.TopicInfo;
import io.producergateway.ingest.GatewayException;
import io.producergateway.ingest.ProblemType;
import io.producergateway.observability.GatewayMetrics;
import io.producergateway.partitioning.PartitionChoice;
import io.producergateway.partitioning.PartitionStrategy;
import io.smallrye.mutiny.Uni;

/**
 * The path of every event, whichever API it came in through: route to an existing topic, choose the partition,
 * take room in the in-flight bound, hand to Kafka, and answer with what Kafka acknowledged. Every event of a
 * request is checked before the first one is sent, so a request with an invalid event writes nothing.
 */
@ApplicationScoped
public class ProducePipeline {

    private static final Logger LOG = Logger.getLogger(ProducePipeline.class);

    private final TopicCatalog topics;
    private final PartitionStrategy partitioner;
    private final InFlightLimiter limiter;
    private final EventSender sender;
    private final AtomicSender atomic;
    private final DeadLetters deadLetters;
    private final GatewayMetrics metrics;
    private final ShutdownDrain drain;
    private final Duration timeout;
    private final String unconfirmed;
    private final int retryAfterSeconds;

    public ProducePipeline(TopicCatalog topics, PartitionStrategy partitioner, InFlightLimiter limiter,
            EventSender sender, AtomicSender atomic, DeadLetters deadLetters, GatewayMetrics metrics, ShutdownDrain drain,
            GatewayConfig config) {
        this.drain = drain;
        this.topics = topics;
        this.partitioner = partitioner;
        this.limiter = limiter;
        this.sender = sender;
        this.atomic = atomic;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.timeout = config.delivery().timeout();
        this.unconfirmed = "Kafka had not confirmed the event after " + timeout.toSeconds() + " s (gateway.delivery."
                + "timeout); it may still be written: retry with the same id and deduplicate on the event-id header";
        this.retryAfterSeconds = config.delivery().retryAfterSeconds();
    }

    /**
     * Produces the events to the topic, in order.
     *
     * @param delivery the profile; async: the answer comes as soon as the events are handed to the producer (offset
     *        -1), and a later failure sends the event to the dead-letter topic; atomic: one transaction for all
     * @return one outcome per event, in request order; fails with {@link GatewayException} when nothing was sent
     */
    public Uni<List<Outcome>> produce(String topic, List<Event> events, Delivery delivery) {
        long received = System.nanoTime();
        if (drain.draining()) {
            return Uni.createFrom().failure(new GatewayException(ProblemType.SHUTTING_DOWN,
                    "This instance is shutting down; retry and another instance will take the events"));
        }
        Instant now = Instant.now();
        for (Event event : events) {
            metrics.eventAge(Duration.between(event.timestamp(), now));
        }
        return topics.topic(topic)
                .onFailure(GatewayException.class).transform(e -> ((GatewayException) e).forEvents(events.size()))
                .map(info -> route(topic, info, events))
                .chain(routed -> delivery.atomic() ? deliverAtomically(topic, routed)
                        : delivery.async() ? deliverAsync(topic, routed, delivery.profile(), received)
                                : deliver(topic, routed, delivery.profile(), received));
    }

    /** The retry hint given with 503 answers, in seconds. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private List<Routed> route(String topic, TopicInfo info, List<Event> events) {
        List<Routed> routed = new ArrayList<>(events.size());
        List<GatewayException.Violation> violations = new ArrayList<>();
        ProblemType first = null;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            // Refused here rather than by the broker: Kafka splits and retries a batch holding a record too large
            // for the topic until delivery.timeout.ms, which would fail its neighbours in the batch too.
            if (event.payloadBytes() > info.maxMessageBytes()) {
                first = first == null ? ProblemType.RECORD_TOO_LARGE : first;
                violations.add(new GatewayException.Violation(i, "value", ProblemType.RECORD_TOO_LARGE.type(),
                        "The record has " + event.payloadBytes() + " bytes; topic " + topic + " takes at most "
                                + info.maxMessageBytes() + " (max.message.bytes)"));
                continue;
            }
            try {
                routed.add(new Routed(event, partitioner.choose(topic, info.partitions(), event)));
            } catch (GatewayException e) {
                first = first == null ? e.type() : first;
                String field = e.type() == ProblemType.PARTITION_OUT_OF_RANGE ? "partition" : "priority";
                violations.add(new GatewayException.Violation(i, field, e.type().type(), e.getMessage()));
            }
        }
        if (first != null) {
            throw new GatewayException(first, violations.get(0).detail(), violations, events.size());
        }
        return routed;
    }

    private Uni<List<Outcome>> deliver(String topic, List<Routed> routed, DeliveryProfile profile, long received) {
        admit(routed);
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(routed.size());
        for (Routed r : routed) {
            outcomes.add(send(topic, r, profile, received, false).subscribeAsCompletionStage());
        }
        // One wait per request, not per event. When it ends first, the events still unconfirmed are answered as such:
        // the producer keeps them and Kafka's answer still comes (and releases their room in the bound).
        return Uni.createFrom().completionStage(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)))
                .ifNoItem().after(timeout).recoverWithItem((Void) null)
                .map(ignored -> {
                    List<Outcome> answered = new ArrayList<>(routed.size());
                    for (int i = 0; i < routed.size(); i++) {
                        CompletableFuture<Outcome> outcome = outcomes.get(i);
                        Routed r = routed.get(i);
                        answered.add(outcome.isDone() ? outcome.join() : Outcome.failed(r.event, topic,
                                r.choice.partition(), r.choice.reason(), ProblemType.BROKER_UNAVAILABLE, unconfirmed));
                    }
                    return answered;
                });
    }

    private Uni<List<Outcome>> deliverAsync(String topic, List<Routed> routed, DeliveryProfile profile, long received) {
        admit(routed);
        // Kafka's own answer, however long it takes (max.block.ms + delivery.timeout.ms at most): an event is
        // dead-lettered only when Kafka said it failed, never because a wait of the gateway ran out.
        for (Routed r : routed) {
            send(topic, r, profile, received, true).subscribe().with(ignored -> { }); // a failure is dead-lettered
        }
        List<Outcome> accepted = new ArrayList<>(routed.size());
        for (Routed r : routed) {
            accepted.add(Outcome.accepted(r.event, topic, r.choice.partition(), r.choice.reason()));
        }
        return Uni.createFrom().item(accepted);
    }

    /** Takes room for the events in the in-flight bound, or refuses the whole request; returns their bytes. */
    private long admit(List<Routed> routed) {
        long bytes = 0;
        for (Routed r : routed) {
            bytes += r.event.sizeInBytes();
        }
        if (!limiter.tryAcquire(routed.size(), bytes)) {
            throw new GatewayException(ProblemType.OVERLOADED, "Too many events are waiting for Kafka (at most "
                    + limiter.maxEvents() + "); retry in " + retryAfterSeconds + " s", List.of(), routed.size());
        }
        return bytes;
    }

    /**
     * One transaction for the whole batch: every outcome is acknowledged, or the request fails with the cause and
     * nothing is visible to read_committed consumers.
     */
    private Uni<List<Outcome>> deliverAtomically(String topic, List<Routed> routed) {
        long bytes = admit(routed);
        List<AtomicSender.Placed> batch = new ArrayList<>(routed.size());
        for (Routed r : routed) {
            batch.add(new AtomicSender.Placed(r.event, r.choice.partition()));
        }
        long started = System.nanoTime();
        return atomic.send(topic, batch)
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transformToUni((acknowledgements, failure) -> {
                    limiter.release(routed.size(), bytes);
                    if (failure instanceof GatewayException refused) {
                        return Uni.createFrom().failure(refused.forEvents(routed.size()));
                    }
                    if (failure != null) {
                        ProblemType type = DeliveryFailures.classify(failure);
                        for (int i = 0; i < routed.size(); i++) {
                            metrics.failed(type);
                        }
                        return Uni.createFrom().failure(new GatewayException(type, "The batch was not committed, "
                                + "nothing of it is visible to read_committed consumers: "
                                + DeliveryFailures.describe(failure), List.of(), routed.size()));
                    }
                    List<Outcome> outcomes = new ArrayList<>(routed.size());
                    for (int i = 0; i < routed.size(); i++) {
                        Routed r = routed.get(i);
                        metrics.acked(r.choice.reason(), Duration.ofNanos(System.nanoTime() - started));
                        outcomes.add(delivered(topic, r, acknowledgements.get(i)));
                    }
                    return Uni.createFrom().item(outcomes);
                });
    }

    /** Releases the event's room in the in-flight bound once the dead-letter topic has it, or could not take it. */
    private void deadLetter(Outcome failed, long size) {
        Event event = failed.event();
        // No wait of our own: the dead-letter producer answers within its max.block.ms + delivery.timeout.ms, and a
        // wait cut short here would count as failed an event that is then written.
        deadLetters.send(event, failed.topic(), failed.partition(), failed.error(), failed.errorDetail())
                .subscribe().with(
                        metadata -> {
                            limiter.release(1, size);
                            metrics.deadLettered(failed.error());
                            LOG.warnf("Event %s for topic %s failed after it was accepted (%s); kept in the "
                                    + "dead-letter topic", event.id(), failed.topic(), failed.error().type());
                        },
                        failure -> {
                            limiter.release(1, size);
                            metrics.deadLetterFailed(failed.error());
                            LOG.errorf("Event %s for topic %s failed after it was accepted (%s) and could not be "
                                    + "written to the dead-letter topic: %s", event.id(), failed.topic(),
                                    failed.error().type(), DeliveryFailures.describe(failure));
                        });
    }

    /**
     * Hands the event to the producer. The outcome is Kafka's definitive answer, never a failure; that answer, not a
     * wait of the gateway, releases the event's room in the in-flight bound.
     *
     * @param async a failed event is dead-lettered, and keeps its room in the in-flight bound (so the shutdown drain
     *        waits for it) until the dead-letter topic has it
     */
    private Uni<Outcome> send(String topic, Routed r, DeliveryProfile profile, long received, boolean async) {
        long[] handedOver = { 0 };
        long size = r.event.sizeInBytes();
        return sender.send(profile, topic, r.choice.partition(), r.event)
                .onSubscription().invoke(() -> {
                    handedOver[0] = System.nanoTime();
                    metrics.waited(Duration.ofNanos(handedOver[0] - received));
                })
                .onItemOrFailure().transform((metadata, failure) -> {
                    if (failure == null) {
                        limiter.release(1, size);
                        metrics.acked(r.choice.reason(), Duration.ofNanos(System.nanoTime() - handedOver[0]));
                        return delivered(topic, r, metadata);
                    }
                    ProblemType type = DeliveryFailures.classify(failure);
                    metrics.failed(type);
                    Outcome failed = Outcome.failed(r.event, topic, r.choice.partition(), r.choice.reason(), type,
                            DeliveryFailures.describe(failure));
                    if (async) {
                        deadLetter(failed, size);
                    } else {
                        limiter.release(1, size);
                    }
                    return failed;
                });
    }

    private static Outcome delivered(String topic, Routed r, RecordMetadata metadata) {
        long offset = metadata != null && metadata.hasOffset() ? metadata.offset() : -1;
        Instant timestamp = metadata != null && metadata.hasTimestamp() ? Instant.ofEpochMilli(metadata.timestamp())
                : r.event.timestamp();
        return Outcome.delivered(r.event, topic, r.choice.partition(), r.choice.reason(), offset, timestamp);
    }

    private record Routed(Event event, PartitionChoice choice) {
    }
}
