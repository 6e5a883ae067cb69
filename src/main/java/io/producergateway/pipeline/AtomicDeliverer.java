package io.producergateway.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.producergateway.config.GatewayConfig;
import io.producergateway.delivery.AtomicSender;
import io.producergateway.delivery.DeliveryFailures;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.observability.GatewayMetrics;
import io.smallrye.mutiny.Uni;

/**
 * One Kafka transaction for the whole batch: every outcome is acknowledged, or the request fails with the cause and
 * nothing of it is visible to {@code read_committed} consumers. Always durable: the transactional producer runs with
 * acks=all.
 */
@Singleton
class AtomicDeliverer implements Deliverer {

    private final AtomicSender atomic;
    private final Admission admission;
    private final GatewayMetrics metrics;
    private final Duration timeout;

    AtomicDeliverer(AtomicSender atomic, Admission admission, GatewayMetrics metrics, GatewayConfig config) {
        this.atomic = atomic;
        this.admission = admission;
        this.metrics = metrics;
        this.timeout = config.delivery().timeout();
    }

    @Override
    public Uni<List<Outcome>> deliver(RoutedBatch batch, DeliveryProfile profile) {
        List<AtomicSender.Placed> placed = new ArrayList<>(batch.size());
        for (Routed routed : batch.events()) {
            placed.add(new AtomicSender.Placed(routed.event(), routed.partition()));
        }
        long started = System.nanoTime();
        return atomic.send(batch.topic(), placed, batch.trace())
                .ifNoItem().after(timeout).fail()
                .onItemOrFailure().transformToUni((acknowledgements, failure) -> {
                    admission.release(batch);
                    if (failure == null) {
                        return Uni.createFrom().item(committed(batch, acknowledgements, started));
                    }
                    if (failure instanceof GatewayException refused) {
                        return Uni.createFrom().failure(refused.forEvents(batch.size()));
                    }
                    ProblemType type = DeliveryFailures.classify(failure);
                    for (int i = 0; i < batch.size(); i++) {
                        metrics.failed(type);
                    }
                    return Uni.createFrom().failure(new GatewayException(type, "The batch was not committed, nothing "
                            + "of it is visible to read_committed consumers: " + DeliveryFailures.describe(failure),
                            List.of(), batch.size()));
                });
    }

    private List<Outcome> committed(RoutedBatch batch, List<RecordMetadata> acknowledgements, long started) {
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Routed routed = batch.events().get(i);
            metrics.acked(routed.choice().reason(), latency);
            outcomes.add(routed.delivered(acknowledgements.get(i)));
        }
        return outcomes;
    }
}
