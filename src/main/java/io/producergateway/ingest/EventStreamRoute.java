package io.producergateway.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.delivery.TopicCatalog;
import io.producergateway.observability.GatewayMetrics;
import io.producergateway.pipeline.Delivery;
import io.producergateway.pipeline.Event;
import io.producergateway.pipeline.Outcome;
import io.producergateway.pipeline.ProducePipeline;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Streams of events over one connection: {@code POST /v1/topics/{topic}/events} with
 * {@code Content-Type: application/x-ndjson}, one event object per line, answered as {@code application/x-ndjson}
 * with one line per event, in order, as Kafka acknowledges each (a result, or a problem for that line only), and a
 * summary line at the end.
 * <p>
 * A plain Vert.x route rather than a REST method, because it must read the request as it arrives and stop reading
 * when the stream's window of events waiting for Kafka is full: a slow broker then slows the client's writes through
 * TCP instead of filling the heap.
 */
@ApplicationScoped
public class EventStreamRoute {

    public static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = Logger.getLogger(EventStreamRoute.class);

    private final EventReader reader;
    private final ProducePipeline pipeline;
    private final DeliveryRequest deliveries;
    private final Json json;
    private final Answers answers;
    private final GatewayMetrics metrics;
    private final TopicCatalog topics;
    private final GatewayConfig.Stream config;
    private final int window;

    public EventStreamRoute(EventReader reader, ProducePipeline pipeline, DeliveryRequest deliveries, Json json,
            Answers answers, GatewayMetrics metrics, TopicCatalog topics, GatewayConfig config) {
        this.metrics = metrics;
        this.topics = topics;
        this.reader = reader;
        this.pipeline = pipeline;
        this.deliveries = deliveries;
        this.json = json;
        this.answers = answers;
        this.config = config.stream();
        this.window = Math.max(1, Math.min(config.stream().window(), config.delivery().maxInFlight()));
    }

    void register(@Observes Router router) {
        // Ahead of the REST routes; requests of other content types fall through to them.
        router.post("/v1/topics/:topic/events").order(-100).consumes(NDJSON).handler(this::open);
    }

    private void open(RoutingContext context) {
        Delivery delivery;
        try {
            delivery = deliveries.resolve(context.request().getHeader("X-Delivery"), false, false);
        } catch (GatewayException e) {
            answers.send(context.response(), e);
            return;
        }
        new Stream(context, context.pathParam("topic"), delivery).start();
    }

    /** One open stream; every method runs on the request's event loop. */
    private final class Stream {
        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final Context loop;
        private final String topic;
        private final Delivery delivery;
        private final Deque<Line> pending = new ArrayDeque<>();
        private int lines;
        private long acked;
        private long failed;
        private boolean ended;
        private boolean finished;
        private boolean paused;
        private long idleTimer = -1;
        private long durationTimer = -1;
        private String endReason = "end-of-request";

        Stream(RoutingContext context, String topic, Delivery delivery) {
            this.request = context.request();
            this.response = context.response();
            this.loop = Vertx.currentContext();
            this.topic = topic;
            this.delivery = delivery;
        }

        void start() {
            response.setChunked(true).setStatusCode(200).putHeader("Content-Type", NDJSON);
            RecordParser parser = RecordParser.newDelimited("\n", this::line).maxRecordSize(config.maxLineBytes());
            parser.exceptionHandler(failure -> {
                Line tooLong = new Line();
                tooLong.finish(json.write(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "A line is longer than "
                        + config.maxLineBytes() + " bytes (gateway.stream.max-line-bytes); the stream ends here")), false);
                pending.add(tooLong);
                stopReading("line-too-long");
            });
            request.handler(buffer -> {
                resetIdleTimer();
                parser.handle(buffer);
            });
            request.endHandler(v -> {
                parser.handle(Buffer.buffer("\n")); // a last line without a newline is a line too
                ended = true;
                flush();
            });
            request.exceptionHandler(failure -> stopReading("connection-error"));
            response.closeHandler(v -> {
                ended = true;
                finished = true;
                cancelTimers();
            });
            response.drainHandler(v -> resumeIfRoom());
            durationTimer = loop.owner().setTimer(config.maxDuration().toMillis(), id -> stopReading("max-duration"));
            resetIdleTimer();
            // Learn the topic before the first line: once known, every line is handed to the producer in order.
            request.pause();
            topics.topic(topic).subscribe().with(known -> loop.runOnContext(v -> request.resume()),
                    unknown -> loop.runOnContext(v -> request.resume()));
        }

        private void line(Buffer buffer) {
            if (ended) {
                return;
            }
            byte[] bytes = buffer.getBytes();
            if (isBlank(bytes)) {
                return;
            }
            int index = lines++;
            Line line = new Line();
            pending.add(line);
            try {
                Event event = reader.readOne(bytes, index);
                pipeline.produce(topic, List.of(event), delivery).subscribe().with(
                        outcomes -> loop.runOnContext(v -> complete(line, outcomes.get(0))),
                        failure -> loop.runOnContext(v -> complete(line, failure)));
            } catch (GatewayException e) {
                metrics.rejected(e.type(), e.events());
                line.finish(json.write(Problem.of(e)), false);
            }
            if (pending.size() >= window || response.writeQueueFull()) {
                paused = true;
                request.pause();
            }
            flush();
        }

        private void complete(Line line, Outcome outcome) {
            if (outcome.succeeded()) {
                line.finish(json.write(EventResult.of(outcome, false)), true);
            } else {
                line.finish(json.write(Problem.of(outcome.error(), outcome.errorDetail())), false);
            }
            flush();
        }

        private void complete(Line line, Throwable failure) {
            if (failure instanceof GatewayException e) {
                metrics.rejected(e.type(), e.events());
                line.finish(json.write(Problem.of(e)), false);
            } else {
                LOG.error("Unexpected failure in an event stream", failure);
                line.finish(json.write(Problem.of(ProblemType.INTERNAL, "The event could not be processed")), false);
            }
            flush();
        }

        /** Writes every finished line at the head, in order; ends the response once the request ended and all are out. */
        private void flush() {
            while (!pending.isEmpty() && pending.peek().answer != null) {
                Line head = pending.poll();
                if (head.acked) {
                    acked++;
                } else {
                    failed++;
                }
                if (!finished) {
                    response.write(Buffer.buffer(head.answer).appendByte((byte) '\n'));
                }
            }
            resumeIfRoom();
            if (ended && pending.isEmpty() && !finished) {
                finished = true;
                cancelTimers();
                response.end(Buffer.buffer(json.write(new StreamSummary(new StreamSummary.Counts(acked, failed,
                        endReason)))).appendByte((byte) '\n'));
            }
        }

        private void resumeIfRoom() {
            if (paused && !ended && pending.size() < window && !response.writeQueueFull()) {
                paused = false;
                request.resume();
            }
        }

        private void stopReading(String reason) {
            if (!ended) {
                endReason = reason;
                ended = true;
                request.pause();
            }
            flush();
        }

        private void resetIdleTimer() {
            if (idleTimer >= 0) {
                loop.owner().cancelTimer(idleTimer);
            }
            idleTimer = loop.owner().setTimer(config.idleTimeout().toMillis(), id -> stopReading("idle-timeout"));
        }

        private void cancelTimers() {
            loop.owner().cancelTimer(idleTimer);
            loop.owner().cancelTimer(durationTimer);
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The answer to one line, once known. */
    private static final class Line {
        private byte[] answer;
        private boolean acked;

        void finish(byte[] answer, boolean acked) {
            this.answer = answer;
            this.acked = acked;
        }
    }
}
