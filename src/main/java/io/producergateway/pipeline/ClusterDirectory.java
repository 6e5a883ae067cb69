package io.producergateway.pipeline;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.delivery.ClusterTopology;
import io.producergateway.event.GatewayException;
import io.producergateway.event.KafkaCluster;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * The metadata reads of the APIs: the cluster, a topic, a partition, each found in the cached cluster metadata
 * ({@link ClusterTopology}) or refused with the problem a caller can act on. Never creates a topic.
 */
@ApplicationScoped
public class ClusterDirectory {

    private final ClusterTopology topology;

    public ClusterDirectory(ClusterTopology topology) {
        this.topology = topology;
    }

    /** The cluster with every topic callers may see (internal topics and those outside the allow-list left out). */
    public Uni<KafkaCluster> cluster() {
        return topology.cluster();
    }

    /** The cluster, if its id is {@code id}; unknown-cluster otherwise (the gateway is in front of one cluster). */
    public Uni<KafkaCluster> cluster(String id) {
        return topology.cluster().map(cluster -> {
            if (!cluster.id().equals(id)) {
                throw new GatewayException(ProblemType.UNKNOWN_CLUSTER, "Cluster " + id + " is not the cluster of "
                        + "this gateway; GET /v3/clusters lists it");
            }
            return cluster;
        });
    }

    /** A topic of the cluster; unknown-topic when it does not exist or is not open to callers. */
    public Uni<KafkaCluster.Topic> topic(String topic) {
        return topology.cluster().flatMap(cluster -> cluster.topics().containsKey(topic)
                ? Uni.createFrom().item(cluster.topics().get(topic))
                // Perhaps created since the snapshot was taken.
                : topology.lookUp(topic).map(found -> {
                    if (found == null) {
                        throw new GatewayException(ProblemType.UNKNOWN_TOPIC, "Topic " + topic + " does not exist "
                                + "or is not open to producers; the gateway does not create topics");
                    }
                    return found;
                }));
    }

    /** A partition of a topic; unknown-partition when the topic has no partition of that number. */
    public Uni<KafkaCluster.Partition> partition(String topic, String partition) {
        return topic(topic).map(found -> found.partitions().stream()
                .filter(p -> Integer.toString(p.id()).equals(partition)).findFirst()
                .orElseThrow(() -> new GatewayException(ProblemType.UNKNOWN_PARTITION, "Topic " + topic
                        + " has partitions 0 to " + (found.partitions().size() - 1) + "; there is no partition "
                        + partition)));
    }
}
