package io.producergateway.pipeline;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.producergateway.delivery.DeadLetters;
import io.producergateway.delivery.DeliveryFailures;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Outcome;
import io.producergateway.observability.GatewayMetrics;
import io.smallrye.mutiny.Uni;

/**
 * Answers as soon as the events are handed to the producer (202). An event Kafka then reports failed goes to the
 * dead-letter topic, and keeps its room in the in-flight bound (so the shutdown drain waits for it) until the
 * dead-letter topic has it or could not take it: it is never dropped silently.
 */
@Singleton
class AsyncDeliverer implements Deliverer {

    private static final Logger LOG = Logger.getLogger(AsyncDeliverer.class);

    private final Handoff handoff;
    private final Admission admission;
    private final DeadLetters deadLetters;
    private final GatewayMetrics metrics;

    AsyncDeliverer(Handoff handoff, Admission admission, DeadLetters deadLetters, GatewayMetrics metrics) {
        this.handoff = handoff;
        this.admission = admission;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public Uni<List<Outcome>> deliver(RoutedBatch batch, DeliveryProfile profile) {
        List<Outcome> accepted = new ArrayList<>(batch.size());
        for (Routed routed : batch.events()) {
            // Kafka's own answer, however long it takes (max.block.ms + delivery.timeout.ms at most): an event is
            // dead-lettered only when Kafka said it failed, never because a wait of the gateway ran out.
            handoff.send(batch, routed, profile).subscribe().with(outcome -> {
                if (outcome.succeeded()) {
                    admission.release(routed);
                } else {
                    deadLetter(batch, routed, outcome);
                }
            });
            accepted.add(routed.accepted());
        }
        return Uni.createFrom().item(accepted);
    }

    private void deadLetter(RoutedBatch batch, Routed routed, Outcome failed) {
        // No wait of our own: the dead-letter producer answers within its max.block.ms + delivery.timeout.ms, and a
        // wait cut short here would count as failed an event that is then written.
        deadLetters.send(failed.event(), failed.topic(), failed.partition(), failed.error(), failed.errorDetail(),
                batch.trace()).subscribe().with(
                        metadata -> {
                            admission.release(routed);
                            metrics.deadLettered(failed.error());
                            LOG.warnf("Event %s for topic %s failed after it was accepted (%s); kept in the "
                                    + "dead-letter topic", failed.event().id(), failed.topic(), failed.error().type());
                        },
                        failure -> {
                            admission.release(routed);
                            metrics.deadLetterFailed(failed.error());
                            LOG.errorf("Event %s for topic %s failed after it was accepted (%s) and could not be "
                                    + "written to the dead-letter topic: %s", failed.event().id(), failed.topic(),
                                    failed.error().type(), DeliveryFailures.describe(failure));
                        });
    }
}
