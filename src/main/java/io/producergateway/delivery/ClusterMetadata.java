package io.producergateway.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * What the cluster says of itself, through the service's admin client: its id (the {@code cluster_id} of REST Proxy
 * v3), asked once and kept, since a cluster's id never changes.
 */
@ApplicationScoped
public class ClusterMetadata {

    private final Admin admin;
    private final int timeoutMillis;
    private final AtomicReference<String> clusterId = new AtomicReference<>();

    public ClusterMetadata(KafkaAdmin admin) {
        this.admin = admin.client();
        this.timeoutMillis = admin.timeoutMillis();
    }

    /** The cluster's id; fails with broker-unavailable when the cluster does not answer in time. */
    public Uni<String> clusterId() {
        String known = clusterId.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return Uni.createFrom()
                .completionStage(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis))
                        .clusterId().toCompletionStage())
                .ifNoItem().after(Duration.ofMillis(2L * timeoutMillis)).fail()
                .onFailure().transform(failure -> new GatewayException(ProblemType.BROKER_UNAVAILABLE,
                        "The Kafka cluster did not say its id in time"))
                .invoke(clusterId::set);
    }
}
