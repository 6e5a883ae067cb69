package io.producergateway.ingest.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Delivery;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.BodyInflater;
import io.producergateway.ingest.DeliveryRequest;
import io.producergateway.ingest.EventReader;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.problem.ProblemAnswers;
import io.producergateway.security.Callers;
import io.producergateway.security.Quotas;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Streams of events over one connection: {@code POST /v1/topics/{topic}/events} with
 * {@code Content-Type: application/x-ndjson}, one event object per line, answered as {@code application/x-ndjson}
 * with one line per event, in order, as Kafka acknowledges each (a result, or a problem for that line only), and a
 * summary line at the end ({@link EventStream}).
 * <p>
 * A plain Vert.x route rather than a REST method, because it must read the request as it arrives and stop reading
 * when the stream's window of events waiting for Kafka is full: a slow broker then slows the client's writes through
 * TCP instead of filling the heap. A principal holds at most {@code gateway.auth.max-streams-per-principal} streams.
 */
@ApplicationScoped
public class EventStreamRoute {

    private final EventStream.Parts parts;
    private final DeliveryRequest deliveries;
    private final ProblemAnswers problems;
    private final int maxStreams;
    private final Map<String, AtomicInteger> openStreams = new ConcurrentHashMap<>();

    public EventStreamRoute(EventReader reader, ProducePipeline pipeline, DeliveryRequest deliveries, Json json,
            ProblemAnswers problems, Quotas quotas, GatewayConfig config) {
        int window = Math.max(1, Math.min(config.stream().window(), config.delivery().maxInFlight()));
        this.parts = new EventStream.Parts(reader, pipeline, json, problems, quotas, config.stream(), window);
        this.deliveries = deliveries;
        this.problems = problems;
        this.maxStreams = config.auth().maxStreamsPerPrincipal();
    }

    void register(@Observes Router router) {
        // Ahead of the REST routes; requests of other content types fall through to them.
        router.post("/v1/topics/:topic/events").order(-100).consumes(MediaTypes.NDJSON).handler(this::open);
    }

    private void open(RoutingContext context) {
        Delivery delivery;
        try {
            delivery = deliveries.resolve(context.request().getHeader("X-Delivery"), false, false);
        } catch (GatewayException e) {
            problems.send(context, e);
            return;
        }
        String principal = Callers.principal(context);
        if (principal != null && !principal.equals(Callers.OPEN_PRINCIPAL)) {
            AtomicInteger streams = openStreams.computeIfAbsent(principal, p -> new AtomicInteger());
            if (streams.incrementAndGet() > maxStreams) {
                streams.decrementAndGet();
                problems.send(context, new GatewayException(ProblemType.TOO_MANY_STREAMS, "Principal "
                        + principal + " already holds " + maxStreams
                        + " streams (gateway.auth.max-streams-per-principal)"));
                return;
            }
            context.addEndHandler(done -> streams.decrementAndGet());
        }
        // The Content-Encoding was checked ahead of authentication (ContentEncodingGuard).
        BodyInflater inflater = BodyInflater.of(context.request().getHeader("Content-Encoding"));
        if (inflater != null) {
            context.addEndHandler(done -> inflater.end());
        }
        new EventStream(parts, context, context.pathParam("topic"), delivery,
                principal == null ? Callers.OPEN_PRINCIPAL : principal, inflater).start();
    }
}
