package io.producergateway.ingest.metadata;

import java.net.URI;
import java.util.List;

import io.producergateway.event.KafkaCluster;
import io.producergateway.ingest.metadata.V3Documents.Cluster;
import io.producergateway.ingest.metadata.V3Documents.ClusterList;
import io.producergateway.ingest.metadata.V3Documents.ListMetadata;
import io.producergateway.ingest.metadata.V3Documents.Metadata;
import io.producergateway.ingest.metadata.V3Documents.Partition;
import io.producergateway.ingest.metadata.V3Documents.PartitionList;
import io.producergateway.ingest.metadata.V3Documents.Related;
import io.producergateway.ingest.metadata.V3Documents.Topic;
import io.producergateway.ingest.metadata.V3Documents.TopicList;

/**
 * The REST Proxy v3 documents of one request, every link starting where the request came in: its scheme, host and
 * prefix ({@code /v3}, or Confluent Cloud's {@code /kafka/v3}), so that a client can follow them.
 */
final class V3Links {

    private final String clusters;

    /**
     * @param base the request's base URI (scheme, host, port, ending with a slash)
     * @param prefix {@code v3} or {@code kafka/v3}
     */
    V3Links(URI base, String prefix) {
        String root = base.toString();
        this.clusters = (root.endsWith("/") ? root : root + "/") + prefix + "/clusters";
    }

    ClusterList clusters(KafkaCluster cluster) {
        return new ClusterList("KafkaClusterList", new ListMetadata(clusters, null), List.of(cluster(cluster)));
    }

    Cluster cluster(KafkaCluster cluster) {
        String self = clusters + "/" + cluster.id();
        Related controller = cluster.controller() < 0 ? null : related(self + "/brokers/" + cluster.controller());
        return new Cluster("KafkaCluster", new Metadata(self, "crn:///kafka=" + cluster.id()), cluster.id(),
                controller, related(self + "/acls"), related(self + "/brokers"), related(self + "/broker-configs"),
                related(self + "/consumer-groups"), related(self + "/topics"),
                related(self + "/topics/-/partitions/-/reassignment"));
    }

    TopicList topics(String clusterId, List<KafkaCluster.Topic> topics) {
        return new TopicList("KafkaTopicList", new ListMetadata(clusters + "/" + clusterId + "/topics", null),
                topics.stream().map(topic -> topic(clusterId, topic)).toList());
    }

    Topic topic(String clusterId, KafkaCluster.Topic topic) {
        String self = clusters + "/" + clusterId + "/topics/" + topic.name();
        return new Topic("KafkaTopic", new Metadata(self, "crn:///kafka=" + clusterId + "/topic=" + topic.name()),
                clusterId, topic.name(), false, topic.replicationFactor(), topic.partitions().size(),
                related(self + "/partitions"), related(self + "/configs"),
                related(self + "/partitions/-/reassignment"));
    }

    PartitionList partitions(String clusterId, KafkaCluster.Topic topic) {
        String self = clusters + "/" + clusterId + "/topics/" + topic.name() + "/partitions";
        return new PartitionList("KafkaPartitionList", new ListMetadata(self, null),
                topic.partitions().stream().map(p -> partition(clusterId, topic.name(), p)).toList());
    }

    Partition partition(String clusterId, String topic, KafkaCluster.Partition partition) {
        String self = clusters + "/" + clusterId + "/topics/" + topic + "/partitions/" + partition.id();
        // As REST Proxy links it: to the leader's replica, which links on to its broker.
        Related leader = partition.leader() < 0 ? null : related(self + "/replicas/" + partition.leader());
        return new Partition("KafkaPartition", new Metadata(self, "crn:///kafka=" + clusterId + "/topic=" + topic
                + "/partition=" + partition.id()), clusterId, topic, partition.id(), leader,
                related(self + "/replicas"), related(self + "/reassignment"));
    }

    private static Related related(String url) {
        return new Related(url);
    }
}
