package io.producergateway.ingest.metadata;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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

import io.producergateway.event.KafkaCluster;
import io.producergateway.ingest.ApiDocs;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.ingest.ProducerGatewayApi;
import io.producergateway.ingest.metadata.V2Documents.V2Partition;
import io.producergateway.ingest.metadata.V2Documents.V2Topic;
import io.producergateway.pipeline.ClusterDirectory;
import io.producergateway.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * The metadata reads of Confluent REST Proxy v2: {@code GET /topics}, {@code GET /topics/{topic}} and its
 * partitions, as REST Proxy answers them ({@value MediaTypes#V2}, or {@code application/json} when asked for).
 */
@Path("/topics")
@Produces({ MediaTypes.V2, MediaType.APPLICATION_JSON })
@Tag(name = V2TopicsResource.TAG, description = "The topic and partition reads of Confluent REST Proxy v2")
@SecurityRequirement(name = ProducerGatewayApi.API_KEY)
@SecurityRequirement(name = ProducerGatewayApi.BEARER)
public class V2TopicsResource {

    static final String TAG = "REST Proxy v2 metadata";

    private final ClusterDirectory directory;
    private final VisibleTopics visible;

    public V2TopicsResource(ClusterDirectory directory, VisibleTopics visible) {
        this.directory = directory;
        this.visible = visible;
    }

    @GET
    @Operation(operationId = "listTopics", summary = "List topics (Confluent REST Proxy v2 compatible)",
            description = "The names of the topics, sorted." + MetadataDocs.LISTED + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The topic names.", content = {
            @Content(mediaType = MediaTypes.V2, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = String.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = String.class)) })
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<List<String>> listTopics() {
        return visible.of(directory.cluster())
                .map(topics -> topics.stream().map(KafkaCluster.Topic::name).toList());
    }

    @GET
    @Path("{topic}")
    @Operation(operationId = "getTopic", summary = "Describe a topic (Confluent REST Proxy v2 compatible)",
            description = "The topic's name, configuration and partitions (leader, replicas, in-sync replicas)."
                    + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The topic.", content = {
            @Content(mediaType = MediaTypes.V2, schema = @Schema(implementation = V2Topic.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = V2Topic.class)) })
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = MetadataDocs.FORBIDDEN,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Problem type " + MetadataDocs.UNKNOWN_TOPIC + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<V2Topic> getTopic(@Parameter(description = "The Kafka topic.", example = "events")
    @RestPath String topic) {
        return directory.topic(topic).map(V2Topic::of);
    }

    @GET
    @Path("{topic}/partitions")
    @Operation(operationId = "listTopicPartitions", summary = "List a topic's partitions (Confluent REST Proxy v2 "
            + "compatible)", description = "The topic's partitions in order: leader, replicas, in-sync replicas."
                    + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The partitions.", content = {
            @Content(mediaType = MediaTypes.V2, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = V2Partition.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = V2Partition.class)) })
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = MetadataDocs.FORBIDDEN,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Problem type " + MetadataDocs.UNKNOWN_TOPIC + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<List<V2Partition>> listPartitions(@Parameter(description = "The Kafka topic.", example = "events")
    @RestPath String topic) {
        return directory.topic(topic).map(found -> V2Topic.of(found).partitions());
    }

    @GET
    @Path("{topic}/partitions/{partition}")
    @Operation(operationId = "getTopicPartition", summary = "Describe a partition (Confluent REST Proxy v2 "
            + "compatible)", description = "One partition of the topic: leader, replicas, in-sync replicas."
                    + MetadataDocs.FROM_CACHE)
    @APIResponse(responseCode = "200", description = "The partition.", content = {
            @Content(mediaType = MediaTypes.V2, schema = @Schema(implementation = V2Partition.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = V2Partition.class)) })
    @APIResponse(responseCode = "401", description = MetadataDocs.UNAUTHORIZED,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = MetadataDocs.FORBIDDEN,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Problem types: " + MetadataDocs.UNKNOWN_TOPIC + "; "
            + MetadataDocs.NO_PARTITION + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = MetadataDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<V2Partition> getPartition(@Parameter(description = "The Kafka topic.", example = "events")
    @RestPath String topic,
            @Parameter(description = "The partition's number, from 0.", example = "0") @RestPath String partition) {
        return directory.partition(topic, partition).map(V2Partition::of);
    }
}
