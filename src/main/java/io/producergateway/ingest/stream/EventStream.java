package io.producergateway.ingest.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Delivery;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.security.Quotas;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * One open stream: reads records as they arrive over its {@link StreamChannel} (an HTTP body cut by its format's
 * {@link RecordSplitter}, or a WebSocket's messages), hands each event to the pipeline in record order, writes one
 * answer per record in the same order, pauses the connection while {@code window} events wait for Kafka, and ends
 * with its format's ending. Every method runs on the connection's event loop.
 *
 * @param <R> a record as its {@link StreamFormat} reads it
 */
final class EventStream<R> {

    private static final Logger LOG = Logger.getLogger(EventStream.class);

    /** What every stream shares, whatever its format. */
    record Parts(ProducePipeline pipeline, Quotas quotas, GatewayConfig.Stream config, int window) {
    }

    private final Parts parts;
    private final StreamFormat<R> format;
    private final StreamChannel channel;
    private final Context loop;
    private final String topic;
    private final Delivery delivery;
    private final String principal;
    private final Deque<StreamLine> pending = new ArrayDeque<>();
    private ReadStream<Buffer> records;
    private int lineCount;
    private long acked;
    private long failed;
    private boolean ended;
    private boolean finished;
    private boolean paused;
    private boolean throttled;
    /** A record is waiting for what it needs (its schema) before it can be produced: nothing more is read. */
    private boolean preparing;
    private long idleTimer = -1;
    private long durationTimer = -1;
    private String endReason = "end-of-request";

    EventStream(Parts parts, StreamFormat<R> format, StreamChannel channel, String topic, Delivery delivery,
            String principal) {
        this.parts = parts;
        this.format = format;
        this.channel = channel;
        this.loop = Vertx.currentContext();
        this.topic = topic;
        this.delivery = delivery;
        this.principal = principal;
    }

    void start() {
        int maxRecordBytes = parts.config().maxLineBytes();
        records = channel.open(maxRecordBytes);
        records.exceptionHandler(failure -> {
            if (ended) { // a splitter may report a record too long again for each piece already on its way
                return;
            }
            StreamBreak cause = failure instanceof StreamBreak known ? known : channel.broken(failure, maxRecordBytes);
            StreamLine broken = new StreamLine();
            broken.finish(format.broken(cause), false);
            pending.add(broken);
            stopReading(cause.reason());
        });
        records.endHandler(v -> { // after the last record (for NDJSON, a last line without a newline too)
            ended = true;
            flush();
        });
        records.handler(this::record);
        channel.failureHandler(failure -> stopReading("connection-error"));
        channel.closeHandler(v -> {
            ended = true;
            finished = true;
            cancelTimers();
        });
        channel.drainHandler(v -> resumeIfRoom());
        durationTimer = loop.owner().setTimer(parts.config().maxDuration().toMillis(),
                id -> stopReading("max-duration"));
        resetIdleTimer();
        // Learn the topic before the first record: once known, every record is handed to the producer in order.
        records.pause();
        parts.pipeline().lookUp(topic).subscribe().with(known -> loop.runOnContext(v -> records.resume()));
    }

    private void record(Buffer buffer) {
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
            R record = format.read(bytes, index);
            Uni<R> prepared = format.prepare(record);
            if (prepared == null) {
                produce(line, record);
            } else {
                preparing = true;
                pauseReading();
                prepared.subscribe().with(ready -> loop.runOnContext(v -> {
                    preparing = false;
                    produce(line, ready);
                    resumeIfRoom();
                }), failure -> loop.runOnContext(v -> {
                    preparing = false;
                    complete(line, failure);
                    resumeIfRoom();
                }));
            }
        } catch (GatewayException e) {
            line.finish(format.refused(e), false);
        }
        if (pending.size() >= parts.window() || channel.writeQueueFull()) {
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

    private void produce(StreamLine line, R record) {
        parts.pipeline().produce(topic, List.of(format.event(record)), delivery).subscribe().with(
                outcomes -> loop.runOnContext(v -> complete(line, record, outcomes.get(0))),
                failure -> loop.runOnContext(v -> complete(line, failure)));
    }

    private void complete(StreamLine line, R record, Outcome outcome) {
        line.finish(format.delivered(record, outcome), outcome.succeeded());
        flush();
    }

    private void complete(StreamLine line, Throwable failure) {
        if (failure instanceof GatewayException e) {
            line.finish(format.refused(e), false);
        } else {
            LOG.error("Unexpected failure in an event stream", failure);
            line.finish(format.internal(), false);
        }
        flush();
    }

    /** Writes every finished answer at the head, in order; ends the response once the request ended and all are out. */
    private void flush() {
        while (!pending.isEmpty() && pending.peek().finished()) {
            StreamLine head = pending.poll();
            if (head.acked()) {
                acked++;
            } else {
                failed++;
            }
            if (!finished) {
                channel.write(head.answer());
            }
        }
        resumeIfRoom();
        if (ended && pending.isEmpty() && !finished) {
            finished = true;
            cancelTimers();
            channel.end(format.ending(new StreamSummary.Counts(acked, failed, endReason)), endReason);
        }
    }

    /** Stops reading: the client cannot send meanwhile, so the idle timeout waits until reading resumes. */
    private void pauseReading() {
        paused = true;
        records.pause();
        loop.owner().cancelTimer(idleTimer);
    }

    private void resumeIfRoom() {
        if (paused && !throttled && !preparing && !ended && pending.size() < parts.window()
                && !channel.writeQueueFull()) {
            paused = false;
            resetIdleTimer();
            records.resume();
        }
    }

    private void stopReading(String reason) {
        if (!ended) {
            endReason = reason;
            ended = true;
            records.pause();
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
