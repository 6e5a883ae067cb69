package io.producergateway.pipeline;

import java.util.List;

import jakarta.inject.Singleton;

import io.producergateway.config.GatewayConfig;
import io.producergateway.delivery.InFlightLimiter;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * Takes room in the in-flight bound for a whole request, or refuses it at once (503 with Retry-After): memory stays
 * bounded and callers back off instead of queueing without end. Each deliverer gives the room back when Kafka (or the
 * dead-letter topic) has answered for an event, never because a wait of the gateway ran out.
 */
@Singleton
class Admission {

    private final InFlightLimiter limiter;
    private final int retryAfterSeconds;

    Admission(InFlightLimiter limiter, GatewayConfig config) {
        this.limiter = limiter;
        this.retryAfterSeconds = config.delivery().retryAfterSeconds();
    }

    /** @throws GatewayException overloaded when the batch does not fit; nothing of it is then held */
    void admit(RoutedBatch batch) {
        if (!limiter.tryAcquire(batch.size(), batch.bytes())) {
            throw new GatewayException(ProblemType.OVERLOADED, "Too many events are waiting for Kafka (at most "
                    + limiter.maxEvents() + "); retry in " + retryAfterSeconds + " s", List.of(), batch.size());
        }
    }

    void release(Routed event) {
        limiter.release(1, event.size());
    }

    void release(RoutedBatch batch) {
        limiter.release(batch.size(), batch.bytes());
    }
}
