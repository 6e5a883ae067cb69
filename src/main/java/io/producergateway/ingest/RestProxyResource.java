package io.producergateway.ingest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.producergateway.ingest.RestProxyReader.Format;
import io.producergateway.pipeline.Event;
import io.producergateway.pipeline.ProducePipeline;
import io.smallrye.mutiny.Uni;

/**
 * The produce API of Confluent REST Proxy v2, the Strimzi Kafka Bridge and Redpanda's HTTP proxy:
 * {@code POST /topics/{topic}}. Unlike them, the status is 200 only when every record was acknowledged.
 */
@Path("/topics/{topic}")
@Tag(name = ApiSchemas.TAG_REST_PROXY, description = "The produce API of Confluent REST Proxy v2, the Strimzi Kafka "
        + "Bridge and Redpanda's HTTP proxy")
public class RestProxyResource {

    public static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    public static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";

    /** Said of the errors a record can meet at Kafka: REST Proxy clients then get the offsets body, not a problem. */
    private static final String OFFSETS_WHEN_DELIVERING = " When records fail at Kafka (after the request was "
            + "accepted), the body is the offsets body (" + RestProxyOffsets.MEDIA_TYPE + ") with the failed records' "
            + "error_code and error, not a problem.";

    private final RestProxyReader reader;
    private final ProducePipeline pipeline;
    private final Answers answers;
    private final DeliveryRequest deliveries;

    public RestProxyResource(RestProxyReader reader, ProducePipeline pipeline, Answers answers,
            DeliveryRequest deliveries) {
        this.deliveries = deliveries;
        this.reader = reader;
        this.pipeline = pipeline;
        this.answers = answers;
    }

    @POST
    @Consumes(JSON_V2)
    @Operation(operationId = "produceRecords", summary = "Produce records (Confluent REST Proxy v2 compatible)",
            description = "Takes the body Confluent REST Proxy v2, the Strimzi Kafka Bridge and Redpanda's HTTP proxy "
                    + "accept, as " + JSON_V2 + " (keys and values are JSON, stored as their JSON text) or "
                    + BINARY_V2 + " (keys and values are base64, stored as the decoded bytes); header values are "
                    + "base64 in both. Answers one offsets entry per record, in request order. Unlike those proxies, "
                    + "the status tells the truth: 200 only when Kafka acknowledged every record; when records fail "
                    + "at Kafka, the status of the most severe failure with the same offsets body, where a failed "
                    + "record has error_code 1 (not retriable) or 2 (retriable) and error. A request refused before "
                    + "anything was sent gets an application/problem+json (RFC 9457) answer with a stable type; "
                    + "invalid fields are listed in errors (index, field, type, detail).")
    @RequestBody(required = true, description = "The records to produce (at most "
            + "gateway.ingest.max-events-per-request).", content = {
                    @Content(mediaType = JSON_V2, schema = @Schema(implementation = ApiSchemas.RestProxyRequest.class)),
                    @Content(mediaType = BINARY_V2,
                            schema = @Schema(implementation = ApiSchemas.RestProxyRequest.class)) })
    @APIResponse(responseCode = "200", description = "Kafka acknowledged every record: one offsets entry per record, "
            + "in request order (offset -1 with X-Delivery: fire-and-forget, where Kafka acknowledges nothing).",
            content = @Content(mediaType = RestProxyOffsets.MEDIA_TYPE,
                    schema = @Schema(implementation = RestProxyOffsets.class)))
    @APIResponse(responseCode = "202", description = "With async=true: the records are handed to the producer; "
            + "offsets are null. A later failure is logged, counted and sent to the dead-letter topic.",
            content = @Content(mediaType = RestProxyOffsets.MEDIA_TYPE,
                    schema = @Schema(implementation = RestProxyOffsets.class)))
    @APIResponse(responseCode = "400", description = "Nothing was written. Problem types: "
            + ApiSchemas.MALFORMED_TEXT + "; " + ApiSchemas.INVALID_EVENT + " (no records array, an empty one, a "
            + "record that is not an object, a record without value); " + ApiSchemas.INVALID_TOPIC_TEXT + ".",
            content = @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = ApiSchemas.UNAUTHORIZED_TEXT,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = ApiSchemas.FORBIDDEN_TEXT,
            content = @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = ApiSchemas.NOT_FOUND + OFFSETS_WHEN_DELIVERING,
            content = {
                    @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = RestProxyOffsets.MEDIA_TYPE,
                            schema = @Schema(implementation = RestProxyOffsets.class)) })
    @APIResponse(responseCode = "413", description = "Problem types: " + ApiSchemas.PAYLOAD_TOO_LARGE_TEXT
            + OFFSETS_WHEN_DELIVERING,
            content = {
                    @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = RestProxyOffsets.MEDIA_TYPE,
                            schema = @Schema(implementation = RestProxyOffsets.class)) })
    @APIResponse(responseCode = "415", description = ApiSchemas.UNSUPPORTED + " Use " + JSON_V2 + " or "
            + BINARY_V2 + ".",
            content = @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Nothing was written; the invalid fields of the records are "
            + "listed in errors. Problem types: " + ApiSchemas.INVALID_FIELD + " (partition not a whole number from "
            + "0, a bad timestamp, an unknown X-Priority; " + ApiSchemas.INVALID_DELIVERY + "); "
            + ApiSchemas.INVALID_ENCODING + " (a key, value or header value that is not valid base64 where base64 is "
            + "expected); " + ApiSchemas.INVALID_HEADER + " (headers not an "
            + "array of {key, value} with a string key and a string value); " + ApiSchemas.PARTITION_OUT_OF_RANGE
            + " (an explicit partition, or the X-Priority range, beyond the topic's partitions).",
            content = @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = ApiSchemas.BAD_GATEWAY + OFFSETS_WHEN_DELIVERING,
            content = {
                    @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = RestProxyOffsets.MEDIA_TYPE,
                            schema = @Schema(implementation = RestProxyOffsets.class)) })
    @APIResponse(responseCode = "503", description = ApiSchemas.UNAVAILABLE + OFFSETS_WHEN_DELIVERING,
            headers = @Header(name = "Retry-After", description = ApiSchemas.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = {
                    @Content(mediaType = ApiSchemas.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = RestProxyOffsets.MEDIA_TYPE,
                            schema = @Schema(implementation = RestProxyOffsets.class)) })
    public Uni<Response> produceJson(
            @Parameter(description = "The Kafka topic; it must exist (and match gateway.topics.allowed when set).",
                    example = "events") @RestPath String topic,
            @Parameter(name = "async", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.BOOLEAN),
                    description = "true answers 202 as soon as the records are handed to the producer, instead of 200 "
                            + "once Kafka acknowledged them.")
            @RestQuery String async,
            @Parameter(name = "X-Priority", in = ParameterIn.HEADER, description = "A priority level of "
                    + "gateway.partitioning.levels for every record of the request.", example = "high")
            @RestHeader("X-Priority") String priority,
            @Parameter(name = "X-Delivery", in = ParameterIn.HEADER, description = "The delivery profile: durable "
                    + "(acks=all, idempotent; the default), leader (acks=1) or fire-and-forget (acks=0, offset -1).",
                    example = "durable") @RestHeader("X-Delivery") String profile,
            byte[] body) {
        return produce(topic, Format.JSON, async, priority, profile, body);
    }

    /**
     * Documented by {@link #produceJson}: OpenAPI has one operation per path and method, whose request body lists
     * both content types.
     */
    @POST
    @Consumes(BINARY_V2)
    @Operation(hidden = true)
    public Uni<Response> produceBinary(@RestPath String topic, @RestQuery String async,
            @RestHeader("X-Priority") String priority, @RestHeader("X-Delivery") String profile, byte[] body) {
        return produce(topic, Format.BINARY, async, priority, profile, body);
    }

    private Uni<Response> produce(String topic, Format format, String asyncFlag, String priority, String profile,
            byte[] body) {
        List<Event> events = reader.read(body, format, priority);
        boolean async = DeliveryRequest.flag("async", asyncFlag);
        return pipeline.produce(topic, events, deliveries.resolve(profile, async, false))
                .map(outcomes -> answers.restProxy(outcomes, async));
    }
}
