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
 * summary line at the end ({@link NdjsonFormat}, {@link EventStream}). The same over a WebSocket:
 * {@code GET /v1/topics/{topic}/events} upgraded, one event per message, one answer message per event
 * ({@link WebSocketChannel}).
 * <p>
 * Plain Vert.x routes rather than a REST method or a websockets-next endpoint, because a stream must read its
 * connection as it arrives and stop reading when its window of events waiting for Kafka is full ({@link Streams});
 * websockets-next (Quarkus 3.33) hands over every message as it arrives, with no way to pause the socket.
 * Authentication, topic access and quotas run ahead of both on the request, so the upgrade is refused with a plain
 * HTTP answer (401, 403, 429).
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
        router.post("/v1/topics/:topic/events").order(-100).consumes(MediaTypes.NDJSON)
                .handler(context -> open(context, false));
        // Other GET requests fall through to the REST routes (405).
        router.get("/v1/topics/:topic/events").order(-100).handler(context -> {
            if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
                open(context, true);
            } else {
                context.next();
            }
        });
    }

    private void open(RoutingContext context, boolean webSocket) {
        Delivery delivery;
        try {
            delivery = deliveries.resolve(context.request().getHeader("X-Delivery"), false, false);
        } catch (GatewayException e) {
            problems.send(context, e);
            return;
        }
        String topic = context.pathParam("topic");
        NdjsonFormat format = new NdjsonFormat(reader, encoding, json, problems, topic);
        if (webSocket) {
            streams.openWebSocket(context, topic, delivery, format);
        } else {
            streams.open(context, topic, delivery, format);
        }
    }
}
