package io.producergateway.ingest.metadata;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.producergateway.event.KafkaCluster;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The metadata answers of Confluent REST Proxy v2: a topic and its partitions, in REST Proxy's field names. */
final class V2Documents {

    private V2Documents() {
    }

    @RegisterForReflection
    @Schema(name = "RestProxyTopic", description = "A topic as REST Proxy v2 describes it.")
    record V2Topic(@Schema(description = "The topic's name.") String name,
            @Schema(description = "The topic's configuration as the brokers apply it (name to value; sensitive "
                    + "values left out).") Map<String, String> configs,
            @Schema(description = "The topic's partitions, in partition order.") List<V2Partition> partitions) {

        static V2Topic of(KafkaCluster.Topic topic) {
            return new V2Topic(topic.name(), topic.configs(), topic.partitions().stream().map(V2Partition::of)
                    .toList());
        }
    }

    @RegisterForReflection
    @Schema(name = "RestProxyPartition", description = "A partition as REST Proxy v2 describes it.")
    record V2Partition(@Schema(description = "The partition's number.") int partition,
            @Schema(description = "The broker id of the partition's leader; -1 while it has none.") int leader,
            @Schema(description = "The partition's replicas.") List<V2Replica> replicas) {

        static V2Partition of(KafkaCluster.Partition partition) {
            return new V2Partition(partition.id(), partition.leader(), partition.replicas().stream()
                    .map(r -> new V2Replica(r.broker(), r.leader(), r.inSync())).toList());
        }
    }

    @RegisterForReflection
    @Schema(name = "RestProxyReplica", description = "A replica of a partition.")
    record V2Replica(@Schema(description = "The broker id the replica is on.") int broker,
            @Schema(description = "Whether it is the leader.") boolean leader,
            @Schema(description = "Whether it is in sync.") @JsonProperty("in_sync") boolean inSync) {
    }
}
