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
import io.producergateway.ingest.metadata.V3Documents.Partition;
import io.producergateway.ingest.metadata.V3Documents.PartitionList;
import io.producergateway.problem.Problem;
import io.smallrye.mutiny.Uni;

/** The partition reads of Confluent REST Proxy v3 at {@code /v3}; at {@code /kafka/v3}: {@link CloudV3Resource}. */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/partitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = V3ClustersResource.TAG)
@SecurityRequirement(name = ProducerGatewayApi.API_KEY)
@SecurityRequirement(name = ProducerGatewayApi.BEARER)
public class V3PartitionsResource {

    private final V3Reads reads;

    public V3PartitionsResource(V3Reads reads) {
        this.reads = reads;
    }

    @GET
    @Operation(operationId = "listKafkaPartitions", summary = "List a topic's partitions (Confluent REST Proxy v3 "
            + "compatible)", description = "The topic's partitions in order, each with a link to its leader."
                    + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The partitions.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartitionList.class)))
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
    public Uni<PartitionList> listPartitions(@Context UriInfo uri,
            @Parameter(description = MetadataDocs.CLUSTER_ID) @RestPath("cluster_id") String clusterId,
            @Parameter(description = MetadataDocs.TOPIC_NAME) @RestPath("topic_name") String topicName) {
        return reads.partitions(new V3Links(uri.getBaseUri(), V3ClustersResource.PREFIX), clusterId, topicName);
    }

    @GET
    @Path("{partition_id}")
    @Operation(operationId = "getKafkaPartition", summary = "Describe a partition (Confluent REST Proxy v3 "
            + "compatible)", description = "One partition of the topic, with a link to its leader."
                    + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The partition.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Partition.class)))
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = MetadataDocs.FORBIDDEN,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Problem types: " + MetadataDocs.NO_CLUSTER + "; "
            + MetadataDocs.UNKNOWN_TOPIC + "; " + MetadataDocs.NO_PARTITION + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<Partition> getPartition(@Context UriInfo uri,
            @Parameter(description = MetadataDocs.CLUSTER_ID) @RestPath("cluster_id") String clusterId,
            @Parameter(description = MetadataDocs.TOPIC_NAME) @RestPath("topic_name") String topicName,
            @Parameter(description = "The partition's number, from 0.", example = "0")
            @RestPath("partition_id") String partitionId) {
        return reads.partition(new V3Links(uri.getBaseUri(), V3ClustersResource.PREFIX), clusterId, topicName,
                partitionId);
    }
}
