package io.producergateway.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import io.producergateway.delivery.ClusterMetadata;
import io.producergateway.delivery.ShutdownDrain;
import io.producergateway.delivery.TopicCatalog;
import io.producergateway.event.Delivery;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.observability.GatewayMetrics;
import io.smallrye.mutiny.Uni;

/**
 * The path of every event, whichever API it came in through: find the topic (the gateway never creates one), place
 * each event on a partition, take room in the in-flight bound, and hand the batch to the deliverer of its mode.
 * Every event of a request is checked before the first one is sent, so a request with an invalid event writes nothing.
 */
@Singleton
public class ProducePipeline {

    private final TopicCatalog topics;
    private final Router router;
    private final Admission admission;
    private final SyncDeliverer sync;
    private final AsyncDeliverer async;
    private final AtomicDeliverer atomic;
    private final ShutdownDrain drain;
    private final GatewayMetrics metrics;
    private final ClusterMetadata cluster;

    ProducePipeline(TopicCatalog topics, Router router, Admission admission, SyncDeliverer sync, AsyncDeliverer async,
            AtomicDeliverer atomic, ShutdownDrain drain, GatewayMetrics metrics, ClusterMetadata cluster) {
        this.topics = topics;
        this.router = router;
        this.admission = admission;
        this.sync = sync;
        this.async = async;
        this.atomic = atomic;
        this.drain = drain;
        this.metrics = metrics;
        this.cluster = cluster;
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
                    "This instance is shutting down; retry and another instance will take the events", List.of(),
                    events.size()));
        }
        Instant now = Instant.now();
        for (Event event : events) {
            metrics.eventAge(Duration.between(event.timestamp(), now));
        }
        Deliverer deliverer = delivery.atomic() ? atomic : delivery.async() ? async : sync;
        return topics.topic(topic)
                .onFailure(GatewayException.class).transform(e -> ((GatewayException) e).forEvents(events.size()))
                .map(info -> router.route(topic, info, events, received, delivery.trace()))
                .invoke(admission::admit)
                .chain(batch -> deliverer.deliver(batch, delivery.profile()));
    }

    /**
     * Learns a topic before its first event (a stream does, so that every line is then handed to the producer in
     * order); completes either way: an unknown topic is answered per event.
     */
    public Uni<Void> lookUp(String topic) {
        return topics.topic(topic).replaceWithVoid().onFailure().recoverWithNull();
    }

    /**
     * The id of the Kafka cluster the events go to (REST Proxy v3's {@code cluster_id}); fails with
     * broker-unavailable when the cluster does not say it in time.
     */
    public Uni<String> clusterId() {
        return cluster.clusterId();
    }
}
