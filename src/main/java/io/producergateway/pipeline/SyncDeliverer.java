package io.producergateway.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.inject.Singleton;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * Answers once Kafka has answered for every event of the batch, or after {@code gateway.delivery.timeout}: the events
 * still unconfirmed then are answered 503 "may still be written". The producer keeps them, and Kafka's answer, when it
 * comes, is counted and gives their room in the in-flight bound back.
 */
@Singleton
class SyncDeliverer implements Deliverer {

    private final Handoff handoff;
    private final Admission admission;
    private final Duration timeout;
    private final String unconfirmed;

    SyncDeliverer(Handoff handoff, Admission admission, GatewayConfig config) {
        this.handoff = handoff;
        this.admission = admission;
        this.timeout = config.delivery().timeout();
        this.unconfirmed = "Kafka had not confirmed the event after " + timeout.toSeconds() + " s (gateway.delivery."
                + "timeout); it may still be written: retry with the same id and deduplicate on the event-id header";
    }

    @Override
    public Uni<List<Outcome>> deliver(RoutedBatch batch, DeliveryProfile profile) {
        AtomicReferenceArray<Outcome> answered = new AtomicReferenceArray<>(batch.size());
        // One wait per request, not per event. Each event's own subscription outlives the wait, so that Kafka's late
        // answer still releases the event's room.
        return Uni.createFrom().<Void> emitter(all -> {
            AtomicInteger waiting = new AtomicInteger(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                int index = i;
                Routed routed = batch.events().get(i);
                handoff.send(batch, routed, profile).subscribe().with(outcome -> {
                    admission.release(routed);
                    answered.set(index, outcome);
                    if (waiting.decrementAndGet() == 0) {
                        all.complete(null);
                    }
                });
            }
        }).ifNoItem().after(timeout).recoverWithItem((Void) null).map(ignored -> {
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Outcome outcome = answered.get(i);
                outcomes.add(outcome != null ? outcome
                        : batch.events().get(i).failed(ProblemType.BROKER_UNAVAILABLE, unconfirmed));
            }
            return outcomes;
        });
    }
}
