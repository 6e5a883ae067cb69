package io.producergateway.ingest.v3;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.producergateway.ingest.ApiDocs;
import io.producergateway.ingest.ProducerGatewayApi;
import io.producergateway.problem.Problem;
import io.producergateway.security.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * REST Proxy v3's produce operation: {@code POST /v3/clusters/{cluster_id}/topics/{topic_name}/records}, and the same
 * method where Confluent Cloud serves it ({@link CloudRecordsResource}). A body with a Content-Length: one record, or
 * several concatenated ({@link V3Produce}). A body without a length is a stream, answered by {@link V3StreamRoute}
 * before it gets here.
 */
@Path("/v3/clusters/{cluster_id}/topics/{topic_name}/records")
@Tag(name = V3RecordsResource.TAG, description = "The produce API of Confluent REST Proxy v3 and Confluent Cloud")
public class V3RecordsResource {

    static final String TAG = "REST Proxy v3";

    static final String SUMMARY = "Produce records (Confluent REST Proxy v3 compatible)";
    static final String DESCRIPTION = "Takes REST Proxy v3's records: {partition_id, headers: [{name, value "
            + "(base64)}], key: {type, data}, value: {type, data}, timestamp (ISO-8601)}, with type BINARY (base64, "
            + "stored as the decoded bytes), JSON (stored as its JSON text) or STRING (stored as UTF-8). One record is "
            + "answered with its delivery report and a status that tells the truth: 200 once Kafka acknowledged it, "
            + "otherwise the status of its error, with a V3ErrorReport (error_code, message and the problem "
            + "members). Several records concatenated in one body are each produced on their own and answered 200 "
            + "with one report per line, in order, each with its own error_code. Streaming mode: a body sent without "
            + "a length (Transfer-Encoding: chunked) is read as it arrives, for as long as the connection is open, "
            + "and answered 200 at once with one report per record as Kafka acknowledges each, in order; a record "
            + "fails only itself, but JSON that cannot be cut into records ends the stream. A request refused as a "
            + "whole (credentials, quota, content type, cluster, delivery profile) gets an "
            + "application/problem+json answer.";
    private static final String PER_RECORD = " A record that failed is answered with a V3ErrorReport "
            + "(application/json); a request refused as a whole with a problem.";

    private final V3Produce produce;
    private final SecurityIdentity caller;

    public V3RecordsResource(V3Produce produce, SecurityIdentity caller) {
        this.produce = produce;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    @SecurityRequirement(name = ProducerGatewayApi.API_KEY)
    @SecurityRequirement(name = ProducerGatewayApi.BEARER)
    @RequestBody(required = true, description = "A record, or several concatenated; chunked, a stream of them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = V3Documents.V3ProduceRequest.class)))
    @APIResponse(responseCode = "200", description = "Kafka acknowledged the record: its delivery report. For "
            + "several records, and in streaming mode, one report per record (a V3DeliveryReport, or a "
            + "V3ErrorReport with its own error_code), one per line, in order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeliveryReport.class)))
    @APIResponse(responseCode = "400", description = "Nothing was written. Problem types: " + ApiDocs.MALFORMED_TEXT
            + "; " + ApiDocs.INVALID_EVENT + " (a record that is not a JSON object); " + ApiDocs.INVALID_TOPIC_TEXT
            + "." + PER_RECORD, content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorReport.class)) })
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_TEXT,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_TEXT,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND + " Problem type " + ApiDocs.URN
            + "unknown-cluster: cluster_id is not the id of the Kafka cluster the gateway produces to." + PER_RECORD,
            content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorReport.class)) })
    @APIResponse(responseCode = "409", description = ApiDocs.SCHEMA_INCOMPATIBLE_TEXT + " The record was not written."
            + PER_RECORD, content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorReport.class)) })
    @APIResponse(responseCode = "413", description = "Problem types: " + ApiDocs.PAYLOAD_TOO_LARGE_TEXT + " A "
            + "record longer than gateway.stream.max-line-bytes is " + ApiDocs.PAYLOAD_TOO_LARGE + " too."
            + PER_RECORD, content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorReport.class)) })
    @APIResponse(responseCode = "415", description = ApiDocs.UNSUPPORTED + " Use application/json.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The record was not written; its invalid fields are listed in "
            + "errors. Problem types: " + ApiDocs.SCHEMA_PROBLEMS + "; " + ApiDocs.INVALID_FIELD
            + " (another type, partition_id not a whole number from 0, a timestamp that is not an ISO-8601 "
            + "date-time, a STRING whose data is not a string, an unknown X-Priority; " + ApiDocs.INVALID_DELIVERY
            + "); " + ApiDocs.INVALID_ENCODING + " (BINARY data or a header value that is not base64); "
            + ApiDocs.INVALID_HEADER + " (headers not an array of {name, value}); " + ApiDocs.PARTITION_OUT_OF_RANGE
            + " (partition_id, or the X-Priority range, beyond the topic's partitions)." + PER_RECORD, content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorReport.class)) })
    @APIResponse(responseCode = "429", description = ApiDocs.QUOTA_TEXT + " A stream is never refused for its "
            + "quota: it is read more slowly. Problem type " + ApiDocs.URN + "too-many-streams: the principal "
            + "already holds gateway.auth.max-streams-per-principal streams.",
            headers = {
                    @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                            schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Policy", description = ApiDocs.RATE_LIMIT_POLICY,
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "RateLimit", description = ApiDocs.RATE_LIMIT,
                            schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = ApiDocs.BAD_GATEWAY + PER_RECORD, content = {
            @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorReport.class)) })
    @APIResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE + PER_RECORD,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorReport.class)) })
    public Uni<Response> produce(
            @Parameter(name = "cluster_id", in = ParameterIn.PATH, description = "The Kafka cluster's id; another one is answered 404 "
                    + "unknown-cluster.") @PathParam("cluster_id") String clusterId,
            @Parameter(name = "topic_name", in = ParameterIn.PATH, description = "The Kafka topic; it must exist (and match "
                    + "gateway.topics.allowed when set).", example = "events") @PathParam("topic_name") String topic,
            @Parameter(name = "X-Priority", in = ParameterIn.HEADER, description = "A priority level of "
                    + "gateway.partitioning.levels for every record of the request.", example = "high")
            @RestHeader("X-Priority") String priority,
            @Parameter(name = "X-Delivery", in = ParameterIn.HEADER, description = "The delivery profile: durable "
                    + "(acks=all, idempotent; the default), leader (acks=1) or fire-and-forget (acks=0, offset -1).",
                    example = "durable") @RestHeader("X-Delivery") String profile,
            byte[] body) {
        return produce.produce(clusterId, topic, priority, profile, body, Callers.principal(caller));
    }
}
