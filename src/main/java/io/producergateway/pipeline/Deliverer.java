package io.producergateway.pipeline;

import java.util.List;

import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Outcome;
import io.smallrye.mutiny.Uni;

/**
 * Delivers an admitted batch in one mode (sync, async, atomic) and gives its room in the in-flight bound back once
 * Kafka has answered for each event.
 */
interface Deliverer {

    /** @return one outcome per event, in request order */
    Uni<List<Outcome>> deliver(RoutedBatch batch, DeliveryProfile profile);
}
