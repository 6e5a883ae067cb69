package io.producergateway.ingest.stream;

import java.util.ArrayDeque;
import java.util.Deque;

import io.producergateway.event.GatewayException;
import io.producergateway.ingest.BodyInflater;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/**
 * The body of a compressed stream, inflated only as fast as its reader asks: while the reader is paused, the request
 * is paused too and only the compressed buffers it had already taken off the connection wait, so the stream's
 * backpressure reaches the client through TCP as for a plain stream, and a line of a thousandfold-inflating body
 * costs no more heap than any other line. A body that is not the data its {@code Content-Encoding} says ends with a
 * 400 problem to the exception handler.
 */
final class InflatingStream implements ReadStream<Buffer> {

    /** The largest inflated piece handed over at once. */
    private static final int PIECE = 64 * 1024;

    private final HttpServerRequest source;
    private final BodyInflater inflater;
    /** Compressed buffers the request handed over while the inflater still held input: a few at most, see drain. */
    private final Deque<byte[]> waiting = new ArrayDeque<>();
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private long demand = Long.MAX_VALUE;
    private boolean sourceEnded;
    private boolean ended;
    private boolean draining;

    InflatingStream(HttpServerRequest source, BodyInflater inflater) {
        this.source = source;
        this.inflater = inflater;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        if (handler == null) {
            source.handler(null);
            source.endHandler(null);
            return this;
        }
        source.exceptionHandler(failure -> {
            if (exceptionHandler != null) {
                exceptionHandler.handle(failure);
            }
        });
        source.endHandler(v -> {
            sourceEnded = true;
            drain();
        });
        source.handler(this::compressed);
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        demand = 0;
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        drain();
        return this;
    }

    private void compressed(Buffer buffer) {
        // A paused request may still hand over a buffer it had already taken off the connection.
        waiting.add(buffer.getBytes());
        drain();
    }

    /** Hands over inflated pieces while the reader wants them; asks the request for more only once all is used. */
    private void drain() {
        if (draining || ended) {
            return;
        }
        draining = true;
        boolean wantsInput = false;
        try {
            while (demand > 0 && !ended) {
                byte[] piece = inflater.inflate(PIECE);
                if (piece == null && !waiting.isEmpty()) {
                    byte[] next = waiting.poll();
                    inflater.input(next, 0, next.length);
                    continue;
                }
                if (piece == null) {
                    if (sourceEnded) {
                        inflater.finish();
                        ended = true;
                        if (endHandler != null) {
                            endHandler.handle(null);
                        }
                    } else {
                        wantsInput = true;
                    }
                    break;
                }
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                handler.handle(Buffer.buffer(piece));
            }
        } catch (GatewayException e) {
            ended = true;
            if (exceptionHandler != null) {
                exceptionHandler.handle(e);
            }
        } finally {
            draining = false;
        }
        // Outside the loop: the request may hand over its next buffer at once, and that one must be drained too.
        if (wantsInput && demand > 0 && !ended) {
            source.resume();
        } else if (!sourceEnded) {
            // Input held or nobody reading: no more compressed buffers until the reader asks.
            source.pause();
        }
    }
}
