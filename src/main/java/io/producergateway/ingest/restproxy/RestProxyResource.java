package io.producergateway.ingest.restproxy;

import java.util.List;
import java.util.Locale;

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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.producergateway.event.Delivery;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.ApiDocs;
import io.producergateway.ingest.DeliveryRequest;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.ingest.ProducerGatewayApi;
import io.producergateway.ingest.SchemaDraft;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.restproxy.RestProxyReader.Format;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.problem.Problem;
import io.producergateway.security.Callers;
import io.producergateway.security.Quotas;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The produce API of Confluent REST Proxy v2, the Strimzi Kafka Bridge and Redpanda's HTTP proxy:
 * {@code POST /topics/{topic}}. Unlike them, the status is 200 only when every record was acknowledged.
 */
@Path("/topics/{topic}")
@Tag(name = RestProxyResource.TAG, description = "The produce API of Confluent REST Proxy v2, the Strimzi Kafka "
        + "Bridge and Redpanda's HTTP proxy")
@SecurityRequirement(name = ProducerGatewayApi.API_KEY)
@SecurityRequirement(name = ProducerGatewayApi.BEARER)
public class RestProxyResource {

    static final String TAG = "REST Proxy v2";

    /** Said of the errors a record can meet at Kafka: REST Proxy clients then get the offsets body, not a problem. */
    private static final String OFFSETS_WHEN_DELIVERING = " When records fail at Kafka (after the request was "
            + "accepted), the body is the offsets body (" + MediaTypes.V2 + ") with the failed records' "
            + "error_code and error, not a problem.";

    private final RestProxyReader reader;
    private final SchemaEncoding encoding;
    private final ProducePipeline pipeline;
    private final RestProxyAnswers answers;
    private final DeliveryRequest deliveries;
    private final Quotas quotas;
    private final SecurityIdentity caller;

    public RestProxyResource(RestProxyReader reader, SchemaEncoding encoding, ProducePipeline pipeline,
            RestProxyAnswers answers, DeliveryRequest deliveries, Quotas quotas, SecurityIdentity caller) {
        this.reader = reader;
        this.encoding = encoding;
        this.pipeline = pipeline;
        this.answers = answers;
        this.deliveries = deliveries;
        this.quotas = quotas;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaTypes.JSON_V2)
    @Operation(operationId = "produceRecords", summary = "Produce records (Confluent REST Proxy v2 compatible)",
            description = "Takes the body Confluent REST Proxy v2, the Strimzi Kafka Bridge and Redpanda's HTTP proxy "
                    + "accept, as " + MediaTypes.JSON_V2 + " (keys and values are JSON, stored as their JSON text), "
                    + MediaTypes.BINARY_V2 + " (keys and values are base64, stored as the decoded bytes) or "
                    + MediaTypes.TEXT_V2 + " (the Strimzi Kafka Bridge's text format: keys and values are strings, "
                    + "stored as their UTF-8 bytes), or, with a schema registry (gateway.schema-registry.url), "
                    + MediaTypes.AVRO_V2 + ", " + MediaTypes.JSONSCHEMA_V2 + " or " + MediaTypes.PROTOBUF_V2
                    + " (keys and values are JSON data, written with the request's key_schema / key_schema_id and "
                    + "value_schema / value_schema_id in Confluent's wire format: magic byte 0, the schema id, the "
                    + "payload; a schema text is registered under <topic>-key / <topic>-value by default, and the "
                    + "answer carries the ids); header values are base64 in all of them. The body may be "
                    + "compressed (Content-Encoding: gzip or deflate). Answers one offsets entry per record, in "
                    + "request order. Unlike those proxies, "
                    + "the status tells the truth: 200 only when Kafka acknowledged every record; when records fail "
                    + "at Kafka, the status of the most severe failure with the same offsets body, where a failed "
                    + "record has error_code 1 (not retriable) or 2 (retriable) and error. A request refused before "
                    + "anything was sent gets an application/problem+json (RFC 9457) answer with a stable type; "
                    + "invalid fields are listed in errors (index, field, type, detail). It also carries REST Proxy's "
                    + "error_code and message, and is " + MediaTypes.V2 + " when the client accepts that.")
    @RequestBody(required = true, description = "The records to produce (at most "
            + "gateway.ingest.max-events-per-request).", content = {
                    @Content(mediaType = MediaTypes.JSON_V2,
                            schema = @Schema(implementation = RestProxyDocuments.RestProxyRequest.class)),
                    @Content(mediaType = MediaTypes.BINARY_V2,
                            schema = @Schema(implementation = RestProxyDocuments.RestProxyRequest.class)),
                    @Content(mediaType = MediaTypes.TEXT_V2,
                            schema = @Schema(implementation = RestProxyDocuments.RestProxyRequest.class)),
                    @Content(mediaType = MediaTypes.AVRO_V2,
                            schema = @Schema(implementation = RestProxyDocuments.RestProxyRequest.class)),
                    @Content(mediaType = MediaTypes.JSONSCHEMA_V2,
                            schema = @Schema(implementation = RestProxyDocuments.RestProxyRequest.class)),
                    @Content(mediaType = MediaTypes.PROTOBUF_V2,
                            schema = @Schema(implementation = RestProxyDocuments.RestProxyRequest.class)) })
    @APIResponse(responseCode = "200", description = "Kafka acknowledged every record: one offsets entry per record, "
            + "in request order (offset -1 with X-Delivery: fire-and-forget, where Kafka acknowledges nothing).",
            content = @Content(mediaType = MediaTypes.V2,
                    schema = @Schema(implementation = RestProxyOffsets.class)))
    @APIResponse(responseCode = "202", description = "With async=true: the records are handed to the producer; "
            + "offsets are null. A later failure is logged, counted and sent to the dead-letter topic.",
            content = @Content(mediaType = MediaTypes.V2,
                    schema = @Schema(implementation = RestProxyOffsets.class)))
    @APIResponse(responseCode = "400", description = "Nothing was written. Problem types: "
            + ApiDocs.MALFORMED_TEXT + "; " + ApiDocs.INVALID_EVENT + " (no records array, an empty one, a "
            + "record that is not an object, a record without value); " + ApiDocs.INVALID_TOPIC_TEXT + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_TEXT,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_TEXT,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND + OFFSETS_WHEN_DELIVERING,
            content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaTypes.V2,
                            schema = @Schema(implementation = RestProxyOffsets.class)) })
    @APIResponse(responseCode = "413", description = "Problem types: " + ApiDocs.PAYLOAD_TOO_LARGE_TEXT
            + OFFSETS_WHEN_DELIVERING,
            content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaTypes.V2,
                            schema = @Schema(implementation = RestProxyOffsets.class)) })
    @APIResponse(responseCode = "409", description = ApiDocs.SCHEMA_INCOMPATIBLE_TEXT + " Nothing was written.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = ApiDocs.UNSUPPORTED + " Use " + MediaTypes.JSON_V2 + ", "
            + MediaTypes.BINARY_V2 + ", " + MediaTypes.TEXT_V2 + ", " + MediaTypes.AVRO_V2 + ", "
            + MediaTypes.JSONSCHEMA_V2 + " or " + MediaTypes.PROTOBUF_V2 + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Nothing was written; the invalid fields of the records are "
            + "listed in errors. Problem types: " + ApiDocs.INVALID_FIELD + " (partition not a whole number from "
            + "0, a bad timestamp, an unknown X-Priority, a key or value that is not a string in the text format; "
            + ApiDocs.INVALID_DELIVERY + "); "
            + ApiDocs.INVALID_ENCODING + " (a key, value or header value that is not valid base64 where base64 is "
            + "expected); " + ApiDocs.INVALID_HEADER + " (headers not an "
            + "array of {key, value} with a string key and a string value); " + ApiDocs.PARTITION_OUT_OF_RANGE
            + " (an explicit partition, or the X-Priority range, beyond the topic's partitions); "
            + ApiDocs.SCHEMA_PROBLEMS + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = ApiDocs.QUOTA_TEXT,
            headers = {
                    @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                            schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Policy", description = ApiDocs.RATE_LIMIT_POLICY,
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "RateLimit", description = ApiDocs.RATE_LIMIT,
                            schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = ApiDocs.BAD_GATEWAY + OFFSETS_WHEN_DELIVERING,
            content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaTypes.V2,
                            schema = @Schema(implementation = RestProxyOffsets.class)) })
    @APIResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE + OFFSETS_WHEN_DELIVERING,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = {
                    @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)),
                    @Content(mediaType = MediaTypes.V2,
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
    @Consumes(MediaTypes.BINARY_V2)
    @Operation(hidden = true)
    public Uni<Response> produceBinary(@RestPath String topic, @RestQuery String async,
            @RestHeader("X-Priority") String priority, @RestHeader("X-Delivery") String profile, byte[] body) {
        return produce(topic, Format.BINARY, async, priority, profile, body);
    }

    /** The Strimzi Kafka Bridge's text format; documented by {@link #produceJson} like {@link #produceBinary}. */
    @POST
    @Consumes(MediaTypes.TEXT_V2)
    @Operation(hidden = true)
    public Uni<Response> produceText(@RestPath String topic, @RestQuery String async,
            @RestHeader("X-Priority") String priority, @RestHeader("X-Delivery") String profile, byte[] body) {
        return produce(topic, Format.TEXT, async, priority, profile, body);
    }

    /** The schema formats; documented by {@link #produceJson}, like {@link #produceBinary}. */
    @POST
    @Consumes({ MediaTypes.AVRO_V2, MediaTypes.JSONSCHEMA_V2, MediaTypes.PROTOBUF_V2 })
    @Operation(hidden = true)
    public Uni<Response> produceWithSchema(@RestPath String topic, @RestQuery String async,
            @RestHeader("X-Priority") String priority, @RestHeader("X-Delivery") String profile,
            @RestHeader("Content-Type") String contentType, byte[] body) {
        return produce(topic, Format.ofSchemaMediaType(contentType), async, priority, profile, body);
    }

    private Uni<Response> produce(String topic, Format format, String asyncFlag, String priority, String profile,
            byte[] body) {
        boolean async = DeliveryRequest.flag("async", asyncFlag);
        if (format.schemaType() != null && !encoding.enabled()) {
            throw new GatewayException(ProblemType.SCHEMA_NOT_SUPPORTED, "The " + format.name().toLowerCase(
                    Locale.ROOT) + " format needs a schema registry, and this gateway has none "
                    + "(gateway.schema-registry.url)");
        }
        if (format.schemaType() != null || encoding.governed(topic)) {
            List<SchemaDraft> drafts = reader.drafts(body, format, priority);
            Delivery delivery = deliveries.resolve(profile, async, false);
            quotas.charge(Callers.principal(caller), drafts.size(), body.length);
            return encoding.encode(topic, drafts).chain(encoded -> pipeline.produce(topic, encoded.events(), delivery)
                    .map(outcomes -> answers.offsets(outcomes, async, encoded.keySchemaId(),
                            encoded.valueSchemaId())));
        }
        List<Event> events = reader.read(body, format, priority);
        Delivery delivery = deliveries.resolve(profile, async, false);
        quotas.charge(Callers.principal(caller), events.size(), body.length);
        return pipeline.produce(topic, events, delivery)
                .map(outcomes -> answers.offsets(outcomes, async, null, null));
    }
}
