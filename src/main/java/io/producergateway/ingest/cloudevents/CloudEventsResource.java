package io.producergateway.ingest.cloudevents;

import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.cloudevents.CloudEvent;
import io.producergateway.event.Delivery;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.ApiDocs;
import io.producergateway.ingest.DeliveryRequest;
import io.producergateway.ingest.EventResult;
import io.producergateway.ingest.ProducerGatewayApi;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.v1.EventsAnswers;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.problem.Problem;
import io.producergateway.security.Callers;
import io.producergateway.security.Quotas;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * CloudEvents over HTTP: {@code POST /v1/topics/{topic}/cloudevents} in the binding's three modes, written as the
 * Kafka binding's binary mode ({@link KafkaBinding}), through the same pipeline, delivery options, security and
 * quotas as our events API, and answered as it answers.
 */
@Path("/v1/topics/{topic}/cloudevents")
@Tag(name = CloudEventsResource.TAG, description = "CloudEvents over HTTP, written per the CloudEvents Kafka binding")
@SecurityRequirement(name = ProducerGatewayApi.API_KEY)
@SecurityRequirement(name = ProducerGatewayApi.BEARER)
public class CloudEventsResource {

    static final String TAG = "CloudEvents";

    private final CloudEventsReader reader;
    private final SchemaEncoding encoding;
    private final ProducePipeline pipeline;
    private final EventsAnswers answers;
    private final DeliveryRequest deliveries;
    private final Quotas quotas;
    private final SecurityIdentity caller;

    public CloudEventsResource(CloudEventsReader reader, SchemaEncoding encoding, ProducePipeline pipeline,
            EventsAnswers answers, DeliveryRequest deliveries, Quotas quotas, SecurityIdentity caller) {
        this.reader = reader;
        this.encoding = encoding;
        this.pipeline = pipeline;
        this.answers = answers;
        this.deliveries = deliveries;
        this.quotas = quotas;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "produceCloudEvents", summary = "Produce CloudEvents: binary, structured or batch mode",
            description = "Takes the CloudEvents HTTP binding's three modes, told apart by Content-Type: "
                    + CloudEventsReader.STRUCTURED + " (structured: one event in the JSON format), "
                    + CloudEventsReader.BATCH + " (batch: an array of them, one record each, in order; [] writes "
                    + "nothing), any other type (binary: the attributes in ce-* headers, percent-decoded, the body is "
                    + "data, Content-Type is datacontenttype). Every event is checked against CloudEvents 1.0 "
                    + "(specversion 1.0; id, source, type required and not empty; source a URI-reference, dataschema "
                    + "an absolute URI, time RFC 3339; attribute names of a-z and 0-9, data reserved); a request with "
                    + "a bad event writes nothing, and the problem's errors name each bad attribute. Each event is "
                    + "written per the CloudEvents Kafka binding in binary mode: every attribute and extension a "
                    + "ce_<name> header, datacontenttype the content-type header, data the value (none without "
                    + "data); the partitionkey extension is the record key, so it decides the partition as any key "
                    + "does; time is the record timestamp. Answered as POST /v1/topics/{topic}/events answers: an "
                    + "object for binary and structured mode, an array for batch mode; Prefer: respond-async, "
                    + "X-Delivery and atomic=true work alike. A topic governed by a schema (gateway.schemas.topics) "
                    + "takes no CloudEvents: data is written as it came, under its content-type.")
    @RequestBody(required = true, description = "One CloudEvent (structured), an array of them (batch, at most "
            + "gateway.ingest.max-events-per-request), or the data of one (binary), possibly compressed "
            + "(Content-Encoding: gzip or deflate).", content = {
                    @Content(mediaType = CloudEventsReader.STRUCTURED,
                            schema = @Schema(implementation = CloudEventDocument.class)),
                    @Content(mediaType = CloudEventsReader.BATCH,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = CloudEventDocument.class)),
                    @Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary",
                            description = "Binary mode: the event's data, any content type")) })
    @Parameter(name = "ce-specversion", in = ParameterIn.HEADER, description = "Binary mode: 1.0.",
            schema = @Schema(enumeration = "1.0"))
    @Parameter(name = "ce-id", in = ParameterIn.HEADER, description = "Binary mode: the event's id (required).",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "ce-source", in = ParameterIn.HEADER, description = "Binary mode: the event's source, a "
            + "URI-reference (required).", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "ce-type", in = ParameterIn.HEADER, description = "Binary mode: the event's type (required).",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "ce-time", in = ParameterIn.HEADER, description = "Binary mode: when the event happened, RFC "
            + "3339.", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(name = "ce-subject", in = ParameterIn.HEADER, description = "Binary mode: the event's subject.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "ce-dataschema", in = ParameterIn.HEADER, description = "Binary mode: an absolute URI of "
            + "data's schema.", schema = @Schema(type = SchemaType.STRING, format = "uri"))
    @Parameter(name = "ce-partitionkey", in = ParameterIn.HEADER, description = "Binary mode: the Partitioning "
            + "extension, the record key. Any other extension is a ce-<name> header too.",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "Kafka acknowledged every event: where each landed, with its "
            + "offset (-1 with X-Delivery: fire-and-forget); id is the event's id. An object for binary and "
            + "structured mode, an array for batch mode.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { EventResult.class, EventResult[].class })))
    @APIResponse(responseCode = "202", description = "With Prefer: respond-async: the events are handed to the "
            + "producer; the same results without offset. A later failure is logged, counted and sent to the "
            + "dead-letter topic.",
            headers = @Header(name = "Preference-Applied", description = "respond-async",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { EventResult.class, EventResult[].class })))
    @APIResponse(responseCode = "400", description = "Nothing was written. Problem types: "
            + ApiDocs.MALFORMED_TEXT + "; " + ApiDocs.INVALID_EVENT + " (a required attribute missing, an event "
            + "that is not a JSON object, structured mode with an array or batch mode without one, data with "
            + "data_base64); " + ApiDocs.INVALID_TOPIC_TEXT + ".",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = ApiDocs.UNAUTHORIZED_TEXT,
            headers = @Header(name = "WWW-Authenticate", description = "Bearer realm=\"producer-gateway\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = ApiDocs.FORBIDDEN_TEXT,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = ApiDocs.NOT_FOUND,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Problem types: " + ApiDocs.PAYLOAD_TOO_LARGE_TEXT,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = ApiDocs.UNSUPPORTED + " Here also an event format other "
            + "than JSON (application/cloudevents+avro and the like).",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Nothing was written; the bad attributes of the events are "
            + "listed in errors (field: the attribute's name). Problem types: " + ApiDocs.INVALID_FIELD
            + " (specversion other than 1.0, an empty id, source, type or subject, a source or dataschema that is "
            + "not a URI, a time that is not RFC 3339, a bad attribute name, an attribute of the wrong JSON type, "
            + "a character a CloudEvents string may not hold, a header value that is not valid percent-encoded "
            + "UTF-8, a timestamp the topic does not take; " + ApiDocs.INVALID_DELIVERY + "; atomic=true with an "
            + "X-Delivery other than durable or with Prefer: respond-async); " + ApiDocs.INVALID_ENCODING
            + " (data_base64 not base64 with its padding); " + ApiDocs.SCHEMA_REQUIRED
            + " (the topic is governed by a schema).",
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
    @APIResponse(responseCode = "502", description = ApiDocs.BAD_GATEWAY,
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Retriable, with Retry-After. Problem types: "
            + ApiDocs.OVERLOADED + " (more than gateway.delivery.max-in-flight events or bytes wait for Kafka); "
            + ApiDocs.BROKER_UNAVAILABLE + " (Kafka did not acknowledge within delivery.timeout.ms, or did not "
            + "answer a metadata lookup); " + ApiDocs.SHUTTING_DOWN + " (this instance is stopping).",
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> produce(
            @Parameter(description = "The Kafka topic; it must exist (and match gateway.topics.allowed when set).",
                    example = "events") @RestPath String topic,
            @Parameter(name = "Prefer", in = ParameterIn.HEADER, description = "respond-async answers 202 as soon as "
                    + "the events are handed to the producer, instead of 200 once Kafka acknowledged them.",
                    schema = @Schema(enumeration = "respond-async")) @RestHeader("Prefer") String prefer,
            @Parameter(name = "X-Delivery", in = ParameterIn.HEADER, description = "The delivery profile: durable "
                    + "(acks=all, idempotent; the default), leader (acks=1) or fire-and-forget (acks=0, offset -1).",
                    example = "durable") @RestHeader("X-Delivery") String profile,
            @Parameter(description = "true: every event of the batch in one Kafka transaction, or none; answered "
                    + "once committed.", schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String atomic,
            @Context HttpServerRequest request, byte[] body) {
        byte[] data = body == null ? new byte[0] : body;
        CloudEventsReader.Batch batch = reader.read(request.headers(), request.getHeader(HttpHeaders.CONTENT_TYPE),
                data);
        if (encoding.governed(topic)) {
            throw new GatewayException(ProblemType.SCHEMA_REQUIRED, "Topic " + topic + " is governed by a schema "
                    + "(gateway.schemas.topics): the CloudEvents binding writes data as it came, under its "
                    + "content-type, never in the schema's format; produce to it with /v1/topics/{topic}/events or "
                    + "REST Proxy", List.of(), batch.events().size());
        }
        boolean async = DeliveryRequest.respondAsync(prefer);
        Delivery delivery = deliveries.resolve(profile, async, DeliveryRequest.flag("atomic", atomic));
        List<CloudEvent> events = batch.events();
        quotas.charge(Callers.principal(caller), events.size(), data.length);
        if (events.isEmpty()) { // an empty batch is valid (JSON batch format, section 4.3) and writes nothing
            return Uni.createFrom().item(answers.events(List.of(), false, async));
        }
        return pipeline.produce(topic, KafkaBinding.events(topic, events), delivery)
                .map(outcomes -> answers.events(outcomes, batch.single(), async));
    }
}
