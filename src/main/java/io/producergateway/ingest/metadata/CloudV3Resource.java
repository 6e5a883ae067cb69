package io.producergateway.ingest.metadata;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import io.producergateway.ingest.metadata.V3Documents.Cluster;
import io.producergateway.ingest.metadata.V3Documents.ClusterList;
import io.producergateway.ingest.metadata.V3Documents.Partition;
import io.producergateway.ingest.metadata.V3Documents.PartitionList;
import io.producergateway.ingest.metadata.V3Documents.Topic;
import io.producergateway.ingest.metadata.V3Documents.TopicList;
import io.smallrye.mutiny.Uni;

/**
 * The REST Proxy v3 metadata reads under Confluent Cloud's prefix, {@code /kafka/v3}, so that clients configured for
 * Confluent Cloud work unchanged; their links stay under that prefix. Documented once, at {@code /v3}
 * ({@link V3ClustersResource}, {@link V3PartitionsResource}): the operations here are the same.
 */
@Path("/kafka/v3/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class CloudV3Resource {

    static final String PREFIX = "kafka/v3";

    private final V3Reads reads;

    public CloudV3Resource(V3Reads reads) {
        this.reads = reads;
    }

    @GET
    @Operation(hidden = true)
    public Uni<ClusterList> listClusters(@Context UriInfo uri) {
        return reads.clusters(links(uri));
    }

    @GET
    @Path("{cluster_id}")
    @Operation(hidden = true)
    public Uni<Cluster> getCluster(@Context UriInfo uri, @RestPath("cluster_id") String clusterId) {
        return reads.cluster(links(uri), clusterId);
    }

    @GET
    @Path("{cluster_id}/topics")
    @Operation(hidden = true)
    public Uni<TopicList> listTopics(@Context UriInfo uri, @RestPath("cluster_id") String clusterId) {
        return reads.topics(links(uri), clusterId);
    }

    @GET
    @Path("{cluster_id}/topics/{topic_name}")
    @Operation(hidden = true)
    public Uni<Topic> getTopic(@Context UriInfo uri, @RestPath("cluster_id") String clusterId,
            @RestPath("topic_name") String topicName) {
        return reads.topic(links(uri), clusterId, topicName);
    }

    @GET
    @Path("{cluster_id}/topics/{topic_name}/partitions")
    @Operation(hidden = true)
    public Uni<PartitionList> listPartitions(@Context UriInfo uri, @RestPath("cluster_id") String clusterId,
            @RestPath("topic_name") String topicName) {
        return reads.partitions(links(uri), clusterId, topicName);
    }

    @GET
    @Path("{cluster_id}/topics/{topic_name}/partitions/{partition_id}")
    @Operation(hidden = true)
    public Uni<Partition> getPartition(@Context UriInfo uri, @RestPath("cluster_id") String clusterId,
            @RestPath("topic_name") String topicName, @RestPath("partition_id") String partitionId) {
        return reads.partition(links(uri), clusterId, topicName, partitionId);
    }

    private static V3Links links(UriInfo uri) {
        return new V3Links(uri.getBaseUri(), PREFIX);
    }
}
