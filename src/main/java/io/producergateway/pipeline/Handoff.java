package io.producergateway.pipeline;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.producergateway.delivery.DeliveryFailures;
import io.producergateway.delivery.EventSender;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.observability.GatewayMetrics;
import io.smallrye.mutiny.Uni;

/**
 * Hands one event to the producer of its delivery profile and turns Kafka's definitive answer into the event's
 * outcome, with the wait and acknowledgement meters. Shared by the sync and async deliverers.
 */
@Singleton
class Handoff {

    private final EventSender sender;
    private final GatewayMetrics metrics;

    Handoff(EventSender sender, GatewayMetrics metrics) {
        this.sender = sender;
        this.metrics = metrics;
    }

    /**
     * Sends on subscription. The item is what Kafka answered (acknowledged, or failed with the problem it means), never
     * a failure: max.block.ms + delivery.timeout.ms bound how long it takes.
     */
    Uni<Outcome> send(RoutedBatch batch, Routed routed, DeliveryProfile profile) {
        long[] handedOver = { 0 };
        return sender.send(profile, routed.topic(), routed.partition(), routed.event(), batch.trace())
                .onSubscription().invoke(() -> {
                    handedOver[0] = System.nanoTime();
                    metrics.waited(Duration.ofNanos(handedOver[0] - batch.receivedNanos()));
                })
                .onItemOrFailure().transform((metadata, failure) -> {
                    if (failure == null) {
                        metrics.acked(routed.choice().reason(), Duration.ofNanos(System.nanoTime() - handedOver[0]));
                        return routed.delivered(metadata);
                    }
                    ProblemType type = DeliveryFailures.classify(failure);
                    metrics.failed(type);
                    return routed.failed(type, DeliveryFailures.describe(failure));
                })
                // A bug above must still end the event's wait: its outcome is then a failure, never a lost answer.
                .onFailure().recoverWithItem(bug -> routed.failed(ProblemType.INTERNAL, "The event's outcome could "
                        + "not be recorded"));
    }
}
