package io.producergateway.event;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the cluster behind the gateway looks like to callers, as its metadata said at one moment: its id, its
 * controller, and the topics callers may see (no internal ones, none outside {@code gateway.topics.allowed}), by
 * name.
 *
 * @param controller the controller's broker id; -1 when the cluster did not name one
 */
public record KafkaCluster(String id, int controller, SortedMap<String, Topic> topics) {

    /**
     * One topic: its partitions in partition order, and its configuration as the brokers apply it (name to value;
     * sensitive values left out).
     */
    public record Topic(String name, List<Partition> partitions, Map<String, String> configs) {

        /** How many replicas each partition has: those of the first one, as Kafka tools say it. */
        public int replicationFactor() {
            return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
        }
    }

    /**
     * One partition of a topic.
     *
     * @param leader the leader's broker id; -1 while the partition has no leader
     */
    public record Partition(int id, int leader, List<Replica> replicas) {
    }

    /** One replica of a partition: on which broker, whether it leads, whether it is in sync. */
    public record Replica(int broker, boolean leader, boolean inSync) {
    }
}
