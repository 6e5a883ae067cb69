package io.producergateway.observability;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.producergateway.delivery.EventSender;

/**
 * Alive while the produce channel can take events. A Kafka outage does not make the service dead (a restart would not
 * bring the brokers back); a terminated channel does, since nothing but a restart recovers it.
 */
@Liveness
public class ProducerLivenessCheck implements HealthCheck {

    private final EventSender sender;

    public ProducerLivenessCheck(EventSender sender) {
        this.sender = sender;
    }

    @Override
    public HealthCheckResponse call() {
        return sender.channelOpen() ? HealthCheckResponse.up("produce-channel")
                : HealthCheckResponse.named("produce-channel").down().withData("reason", "the produce channel is closed")
                        .build();
    }
}
