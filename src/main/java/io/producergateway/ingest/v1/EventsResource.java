package io.producergateway.ingest.v1;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

import io.producergateway.event.Delivery;
import io.producergateway.event.Event;
import io.producergateway.ingest.ApiDocs;
import io.producergateway.ingest.DeliveryRequest;
import io.producergateway.ingest.EventReader;
import io.producergateway.ingest.EventResult;
import io.producergateway.ingest.ProducerGatewayApi;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.problem.Problem;
import io.producergateway.security.Callers;
import io.producergateway.security.Quotas;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Our own produce API: {@code POST /v1/topics/{topic}/events} with one event object or an array of them. */
@Path("/v1/topics/{topic}/events")
@Tag(name = EventsResource.TAG, description = "The gateway's own produce API")
@SecurityRequirement(name = ProducerGatewayApi.API_KEY)
@SecurityRequirement(name = ProducerGatewayApi.BEARER)
public class EventsResource {

    static final String TAG = "Events";

    private final EventReader reader;
    private final SchemaEncoding encoding;
    private final ProducePipeline pipeline;
    private final EventsAnswers answers;
    private final DeliveryRequest deliveries;
    private final Quotas quotas;
    private final SecurityIdentity caller;

    public EventsResource(EventReader reader, SchemaEncoding encoding, ProducePipeline pipeline,
            EventsAnswers answers, DeliveryRequest deliveries, Quotas quotas, SecurityIdentity caller) {
        this.reader = reader;
        this.encoding = encoding;
        this.pipeline = pipeline;
        this.answers = answers;
        this.deliveries = deliveries;
        this.quotas = quotas;
        this.caller = caller;
    }

    /**
     * Answers 200 with where each event landed once Kafka has acknowledged all of them, or 202 at once with
     * {@code Prefer: respond-async}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "produceEvents", summary = "Produce one event or an array of events",
            description = "Validates every event (a request with an invalid event writes nothing), checks that the "
                    + "topic exists (the gateway never creates topics), chooses each partition (explicit, priority "
                    + "range, key hash or round-robin) and answers once Kafka acknowledged every event (acks=all, "
                    + "idempotent producer): one result for an object, an array of results in request order for an "
                    + "array. If some events of an array fail at Kafka, the answer is a problem with the status of "
                    + "the most severe failure and an events member listing every event's result or error, in "
                    + "request order. With atomic=true every event is written in one Kafka transaction or none is: a "
                    + "batch Kafka did not commit is answered with a problem of the failure's type, and nothing of it "
                    + "is visible to read_committed consumers. Every error is application/problem+json (RFC 9457) "
                    + "with a stable type; invalid fields are listed in errors (index, field, type, detail).")
    @RequestBody(required = true, description = "One event object, or a non-empty array of them (at most "
            + "gateway.ingest.max-events-per-request), possibly compressed (Content-Encoding: gzip or deflate).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { EventDocument.class, EventDocument[].class })))
    @APIResponse(responseCode = "200", description = "Kafka acknowledged every event: where each landed, with its "
            + "offset (-1 with X-Delivery: fire-and-forget, where Kafka acknowledges nothing). An object for an "
            + "object, an array for an array.",
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
            + ApiDocs.MALFORMED_TEXT + "; " + ApiDocs.INVALID_EVENT + " (not an event object or a non-empty "
            + "array of them, an event that is not an object, an event without value); "
            + ApiDocs.INVALID_TOPIC_TEXT + ".",
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
    @APIResponse(responseCode = "415", description = ApiDocs.UNSUPPORTED + " Use application/json.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Nothing was written; the invalid fields of the events are "
            + "listed in errors. Problem types: " + ApiDocs.INVALID_FIELD + " (key not a string, id or priority "
            + "not a string of the allowed length, partition not a whole number from 0, a bad timestamp, an unknown "
            + "priority; " + ApiDocs.INVALID_DELIVERY + "; atomic=true with an X-Delivery other than durable or "
            + "with Prefer: respond-async); "
            + ApiDocs.INVALID_HEADER + " (headers not an object of string values); "
            + ApiDocs.PARTITION_OUT_OF_RANGE + " (an explicit partition, or a priority range, beyond the topic's "
            + "partitions); " + ApiDocs.V1_SCHEMA_PROBLEMS + ".",
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
    @APIResponse(responseCode = "503", description = ApiDocs.UNAVAILABLE,
            headers = @Header(name = "Retry-After", description = ApiDocs.RETRY_AFTER,
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> produce(
            @Parameter(description = "The Kafka topic; it must exist (and match gateway.topics.allowed when set).",
                    example = "events") @RestPath String topic,
            @Parameter(name = "Prefer", in = ParameterIn.HEADER, description = "respond-async answers 202 as soon as "
                    + "the events are handed to the producer, instead of 200 once Kafka acknowledged them.",
                    // a choice, not an example: the API explorer fills examples in, and would answer 202 by default
                    schema = @Schema(enumeration = "respond-async")) @RestHeader("Prefer") String prefer,
            @Parameter(name = "X-Delivery", in = ParameterIn.HEADER, description = "The delivery profile: durable "
                    + "(acks=all, idempotent; the default), leader (acks=1) or fire-and-forget (acks=0, offset -1).",
                    example = "durable") @RestHeader("X-Delivery") String profile,
            @Parameter(description = "true: every event of the batch in one Kafka transaction, or none; answered "
                    + "once committed.", schema = @Schema(type = SchemaType.BOOLEAN)) @RestQuery String atomic,
            byte[] body) {
        EventReader.Batch batch = reader.read(body, encoding.governed(topic));
        boolean async = DeliveryRequest.respondAsync(prefer);
        Delivery delivery = deliveries.resolve(profile, async, DeliveryRequest.flag("atomic", atomic));
        quotas.charge(Callers.principal(caller), batch.events().size(), body.length);
        Uni<List<Event>> events = batch.drafts() == null ? Uni.createFrom().item(batch.events())
                : encoding.encode(topic, batch.drafts()).map(SchemaEncoding.Encoded::events);
        return events.chain(written -> pipeline.produce(topic, written, delivery))
                .map(outcomes -> answers.events(outcomes, batch.single(), async));
    }
}
