package io.producergateway.ingest.metadata;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.ingest.metadata.V3Documents.Cluster;
import io.producergateway.ingest.metadata.V3Documents.ClusterList;
import io.producergateway.ingest.metadata.V3Documents.Partition;
import io.producergateway.ingest.metadata.V3Documents.PartitionList;
import io.producergateway.ingest.metadata.V3Documents.Topic;
import io.producergateway.ingest.metadata.V3Documents.TopicList;
import io.producergateway.pipeline.ClusterDirectory;
import io.smallrye.mutiny.Uni;

/** The REST Proxy v3 metadata reads, whichever prefix they came in at: what each answers. */
@ApplicationScoped
class V3Reads {

    private final ClusterDirectory directory;
    private final VisibleTopics visible;

    V3Reads(ClusterDirectory directory, VisibleTopics visible) {
        this.directory = directory;
        this.visible = visible;
    }

    Uni<ClusterList> clusters(V3Links links) {
        return directory.cluster().map(links::clusters);
    }

    Uni<Cluster> cluster(V3Links links, String clusterId) {
        return directory.cluster(clusterId).map(links::cluster);
    }

    Uni<TopicList> topics(V3Links links, String clusterId) {
        return visible.of(directory.cluster(clusterId)).map(topics -> links.topics(clusterId, topics));
    }

    Uni<Topic> topic(V3Links links, String clusterId, String topic) {
        return directory.cluster(clusterId).flatMap(cluster -> directory.topic(topic))
                .map(found -> links.topic(clusterId, found));
    }

    Uni<PartitionList> partitions(V3Links links, String clusterId, String topic) {
        return directory.cluster(clusterId).flatMap(cluster -> directory.topic(topic))
                .map(found -> links.partitions(clusterId, found));
    }

    Uni<Partition> partition(V3Links links, String clusterId, String topic, String partition) {
        return directory.cluster(clusterId).flatMap(cluster -> directory.partition(topic, partition))
                .map(found -> links.partition(clusterId, topic, found));
    }
}
