package io.producergateway.ingest.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.event.Delivery;
import io.producergateway.event.GatewayException;
import io.producergateway.ingest.DeliveryRequest;
import io.producergateway.ingest.EventReader;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.problem.ProblemAnswers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Streams of events over one connection: {@code POST /v1/topics/{topic}/events} with
 * {@code Content-Type: application/x-ndjson}, one event object per line, answered as {@code application/x-ndjson}
 * with one line per event, in order, as Kafka acknowledges each (a result, or a problem for that line only), and a
 * summary line at the end ({@link NdjsonFormat}, {@link EventStream}).
 * <p>
 * A plain Vert.x route rather than a REST method, because it must read the request as it arrives and stop reading
 * when the stream's window of events waiting for Kafka is full ({@link Streams}).
 */
@ApplicationScoped
public class EventStreamRoute {

    private final EventReader reader;
    private final SchemaEncoding encoding;
    private final Json json;
    private final Streams streams;
    private final DeliveryRequest deliveries;
    private final ProblemAnswers problems;

    public EventStreamRoute(EventReader reader, SchemaEncoding encoding, Streams streams, DeliveryRequest deliveries,
            Json json, ProblemAnswers problems) {
        this.reader = reader;
        this.encoding = encoding;
        this.json = json;
        this.streams = streams;
        this.deliveries = deliveries;
        this.problems = problems;
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
        String topic = context.pathParam("topic");
        streams.open(context, topic, delivery, new NdjsonFormat(reader, encoding, json, problems, topic));
    }
}
