package io.producergateway.ingest.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Delivery;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.BodyInflater;
import io.producergateway.ingest.EventReader;
import io.producergateway.ingest.EventResult;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.problem.Problem;
import io.producergateway.problem.ProblemAnswers;
import io.producergateway.security.Quotas;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;

/**
 * One open stream: reads lines as they arrive, hands each event to the pipeline in line order, writes one answer line
 * per event in the same order, pauses the connection while {@code window} events wait for Kafka, and ends with a
 * summary line. Every method runs on the request's event loop.
 */
final class EventStream {

    private static final Logger LOG = Logger.getLogger(EventStream.class);

    /** What every stream of the route shares. */
    record Parts(EventReader reader, ProducePipeline pipeline, Json json, ProblemAnswers problems, Quotas quotas,
            GatewayConfig.Stream config, int window) {
    }

    private final Parts parts;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Context loop;
    private final String topic;
    private final Delivery delivery;
    private final String principal;
    private final BodyInflater inflater;
    private final Deque<StreamLine> pending = new ArrayDeque<>();
    private RecordParser lines;
    private int lineCount;
    private long acked;
    private long failed;
    private boolean ended;
    private boolean finished;
    private boolean paused;
    private boolean throttled;
    private long idleTimer = -1;
    private long durationTimer = -1;
    private String endReason = "end-of-request";

    /** {@code inflater}: null for a stream that is not compressed; ended by the caller when the request is. */
    EventStream(Parts parts, RoutingContext context, String topic, Delivery delivery, String principal,
            BodyInflater inflater) {
        this.parts = parts;
        this.request = context.request();
        this.response = context.response();
        this.loop = Vertx.currentContext();
        this.topic = topic;
        this.delivery = delivery;
        this.principal = principal;
        this.inflater = inflater;
    }

    void start() {
        int maxLineBytes = parts.config().maxLineBytes();
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", MediaTypes.NDJSON);
        // The parser reads the request itself: paused, it hands over no further line, even of a buffer it holds.
        ReadStream<Buffer> body = inflater == null ? request : new InflatingStream(request, inflater);
        lines = RecordParser.newDelimited("\n", body).maxRecordSize(maxLineBytes);
        lines.exceptionHandler(failure -> {
            if (ended) { // the parser reports a record too long again for each piece that was already on its way
                return;
            }
            StreamLine refused = new StreamLine();
            if (failure instanceof GatewayException e) { // a compressed body that is not what it claims
                refused.finish(parts.problems().refusal(e), false);
                pending.add(refused);
                stopReading("malformed-body");
                return;
            }
            refused.finish(parts.problems().bytes(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "A line is longer than "
                    + maxLineBytes + " bytes (gateway.stream.max-line-bytes); the stream ends here")), false);
            pending.add(refused);
            stopReading("line-too-long");
        });
        lines.endHandler(v -> { // a last line without a newline has been handed over as a line too
            ended = true;
            flush();
        });
        lines.handler(this::line);
        request.exceptionHandler(failure -> stopReading("connection-error")); // in place of the parser's
        response.closeHandler(v -> {
            ended = true;
            finished = true;
            cancelTimers();
        });
        response.drainHandler(v -> resumeIfRoom());
        durationTimer = loop.owner().setTimer(parts.config().maxDuration().toMillis(),
                id -> stopReading("max-duration"));
        resetIdleTimer();
        // Learn the topic before the first line: once known, every line is handed to the producer in order.
        lines.pause();
        parts.pipeline().lookUp(topic).subscribe().with(known -> loop.runOnContext(v -> lines.resume()));
    }

    private void line(Buffer buffer) {
        if (ended) {
            return;
        }
        resetIdleTimer();
        byte[] bytes = buffer.getBytes();
        if (isBlank(bytes)) {
            return;
        }
        int index = lineCount++;
        StreamLine line = new StreamLine();
        pending.add(line);
        try {
            Event event = parts.reader().readOne(bytes, index);
            parts.pipeline().produce(topic, List.of(event), delivery).subscribe().with(
                    outcomes -> loop.runOnContext(v -> complete(line, outcomes.get(0))),
                    failure -> loop.runOnContext(v -> complete(line, failure)));
        } catch (GatewayException e) {
            line.finish(parts.problems().refusal(e), false);
        }
        if (pending.size() >= parts.window() || response.writeQueueFull()) {
            pauseReading();
        }
        long wait = parts.quotas().draw(principal, bytes.length);
        if (wait > 0 && !throttled) {
            // Over its principal's quota: the stream is read more slowly, not failed.
            throttled = true;
            pauseReading();
            loop.owner().setTimer(wait * 1000, id -> {
                throttled = false;
                resumeIfRoom();
            });
        }
        flush();
    }

    private void complete(StreamLine line, Outcome outcome) {
        if (outcome.succeeded()) {
            line.finish(parts.json().write(EventResult.of(outcome, false)), true);
        } else {
            line.finish(parts.problems().bytes(Problem.of(outcome.error(), outcome.errorDetail())), false);
        }
        flush();
    }

    private void complete(StreamLine line, Throwable failure) {
        if (failure instanceof GatewayException e) {
            line.finish(parts.problems().refusal(e), false);
        } else {
            LOG.error("Unexpected failure in an event stream", failure);
            line.finish(parts.problems().internalRefusal(), false);
        }
        flush();
    }

    /** Writes every finished line at the head, in order; ends the response once the request ended and all are out. */
    private void flush() {
        while (!pending.isEmpty() && pending.peek().finished()) {
            StreamLine head = pending.poll();
            if (head.acked()) {
                acked++;
            } else {
                failed++;
            }
            if (!finished) {
                response.write(Buffer.buffer(head.answer()).appendByte((byte) '\n'));
            }
        }
        resumeIfRoom();
        if (ended && pending.isEmpty() && !finished) {
            finished = true;
            cancelTimers();
            response.end(Buffer.buffer(parts.json().write(new StreamSummary(new StreamSummary.Counts(acked, failed,
                    endReason)))).appendByte((byte) '\n'));
        }
    }

    /** Stops reading: the client cannot send meanwhile, so the idle timeout waits until reading resumes. */
    private void pauseReading() {
        paused = true;
        lines.pause();
        loop.owner().cancelTimer(idleTimer);
    }

    private void resumeIfRoom() {
        if (paused && !throttled && !ended && pending.size() < parts.window() && !response.writeQueueFull()) {
            paused = false;
            resetIdleTimer();
            lines.resume();
        }
    }

    private void stopReading(String reason) {
        if (!ended) {
            endReason = reason;
            ended = true;
            lines.pause();
        }
        flush();
    }

    private void resetIdleTimer() {
        if (idleTimer >= 0) {
            loop.owner().cancelTimer(idleTimer);
        }
        idleTimer = loop.owner().setTimer(parts.config().idleTimeout().toMillis(), id -> stopReading("idle-timeout"));
    }

    private void cancelTimers() {
        loop.owner().cancelTimer(idleTimer);
        loop.owner().cancelTimer(durationTimer);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
