package io.producergateway.ingest.metadata;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.producergateway.ingest.ApiDocs;
import io.producergateway.ingest.ProducerGatewayApi;
import io.producergateway.ingest.metadata.V3Documents.Cluster;
import io.producergateway.ingest.metadata.V3Documents.ClusterList;
import io.producergateway.ingest.metadata.V3Documents.Topic;
import io.producergateway.ingest.metadata.V3Documents.TopicList;
import io.producergateway.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * The cluster and topic reads of Confluent REST Proxy v3 at {@code /v3/clusters}; the same at Confluent Cloud's
 * {@code /kafka/v3} is {@link CloudV3Resource}. Partitions are {@link V3PartitionsResource}.
 */
@Path("/v3/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = V3ClustersResource.TAG, description = "The cluster, topic and partition reads of Confluent REST Proxy "
        + "v3; also under Confluent Cloud's prefix /kafka/v3, with links under that prefix")
@SecurityRequirement(name = ProducerGatewayApi.API_KEY)
@SecurityRequirement(name = ProducerGatewayApi.BEARER)
public class V3ClustersResource {

    static final String TAG = "REST Proxy v3 metadata";
    static final String PREFIX = "v3";

    private final V3Reads reads;

    public V3ClustersResource(V3Reads reads) {
        this.reads = reads;
    }

    @GET
    @Operation(operationId = "listKafkaClusters", summary = "List clusters (Confluent REST Proxy v3 compatible)",
            description = "The one cluster behind the gateway." + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The clusters.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClusterList.class)))
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<ClusterList> listClusters(@Context UriInfo uri) {
        return reads.clusters(new V3Links(uri.getBaseUri(), PREFIX));
    }

    @GET
    @Path("{cluster_id}")
    @Operation(operationId = "getKafkaCluster", summary = "Describe the cluster (Confluent REST Proxy v3 compatible)",
            description = "The cluster with this id: its controller and links to its resources."
                    + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The cluster.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Cluster.class)))
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Problem type " + MetadataDocs.NO_CLUSTER + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<Cluster> getCluster(@Context UriInfo uri, @Parameter(description = MetadataDocs.CLUSTER_ID)
    @RestPath("cluster_id") String clusterId) {
        return reads.cluster(new V3Links(uri.getBaseUri(), PREFIX), clusterId);
    }

    @GET
    @Path("{cluster_id}/topics")
    @Operation(operationId = "listKafkaTopics", summary = "List topics (Confluent REST Proxy v3 compatible)",
            description = "The topics, sorted by name, with their partition count and replication factor."
                    + MetadataDocs.LISTED + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The topics.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopicList.class)))
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Problem type " + MetadataDocs.NO_CLUSTER + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<TopicList> listTopics(@Context UriInfo uri, @Parameter(description = MetadataDocs.CLUSTER_ID)
    @RestPath("cluster_id") String clusterId) {
        return reads.topics(new V3Links(uri.getBaseUri(), PREFIX), clusterId);
    }

    @GET
    @Path("{cluster_id}/topics/{topic_name}")
    @Operation(operationId = "getKafkaTopic", summary = "Describe a topic (Confluent REST Proxy v3 compatible)",
            description = "The topic: its partition count, replication factor and links." + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The topic.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Topic.class)))
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = MetadataDocs.FORBIDDEN,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Problem types: " + MetadataDocs.NO_CLUSTER + "; "
            + MetadataDocs.UNKNOWN_TOPIC + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<Topic> getTopic(@Context UriInfo uri,
            @Parameter(description = MetadataDocs.CLUSTER_ID) @RestPath("cluster_id") String clusterId,
            @Parameter(description = MetadataDocs.TOPIC_NAME) @RestPath("topic_name") String topicName) {
        return reads.topic(new V3Links(uri.getBaseUri(), PREFIX), clusterId, topicName);
    }
}
