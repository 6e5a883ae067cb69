package io.producergateway.observability;

import java.time.Duration;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.producergateway.config.GatewayConfig;
import io.producergateway.delivery.KafkaAdmin;
import io.producergateway.delivery.ShutdownDrain;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready when the Kafka cluster answers within {@code gateway.health.kafka-timeout}, and not while the service is
 * shutting down. Never blocks the event loop: the admin call is asynchronous and bounded.
 */
@Readiness
public class KafkaReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "kafka-cluster";

    private final KafkaAdmin admin;
    private final ShutdownDrain drain;
    private final Duration timeout;

    public KafkaReadinessCheck(KafkaAdmin admin, ShutdownDrain drain, GatewayConfig config) {
        this.admin = admin;
        this.drain = drain;
        this.timeout = config.health().kafkaTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (drain.draining()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).down().withData("reason", "shutting down").build());
        }
        int millis = (int) timeout.toMillis();
        return Uni.createFrom()
                .completionStage(() -> admin.client().describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                        .nodes().toCompletionStage())
                .ifNoItem().after(timeout.plusMillis(500)).fail()
                .map(nodes -> HealthCheckResponse.named(NAME).up().withData("brokers", nodes.size()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", "no broker answered within " + timeout.toMillis() + " ms").build());
    }
}
