package io.producergateway.ingest.stream;

import java.util.ArrayDeque;
import java.util.Deque;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The values of a request of concatenated JSON ({@link JsonValues}) as a stream of records that reads the request
 * itself: while paused it hands over nothing, not even the values of a piece it has already read, and it pauses the
 * request until it is asked for more. A {@link StreamBreak} arrives at its exception handler after the values before
 * it; the end of the request after the last value.
 */
final class JsonValueStream implements ReadStream<Buffer> {

    /** What the queue holds after the last value when the request ended. */
    private static final Object END = new Object();

    private final ReadStream<Buffer> request;
    private final JsonValues values;
    /** Values read and not yet handed over, then a {@link StreamBreak} or {@link #END}. */
    private final Deque<Object> queue = new ArrayDeque<>();
    private Handler<Buffer> handler;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    /** Whoever opened the stream may have paused the request: the first demand resumes it. */
    private boolean requestPaused = true;
    private boolean draining;
    private boolean over;

    JsonValueStream(ReadStream<Buffer> request, JsonValues values) {
        this.request = request;
        this.values = values;
    }

    @Override
    public JsonValueStream handler(Handler<Buffer> handler) {
        this.handler = handler;
        if (handler == null) {
            request.handler(null);
            request.endHandler(null);
        } else {
            request.handler(this::read);
            request.endHandler(v -> ended());
        }
        return this;
    }

    @Override
    public JsonValueStream exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public JsonValueStream endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        return this;
    }

    @Override
    public JsonValueStream pause() {
        demand = 0;
        pauseRequest();
        return this;
    }

    @Override
    public JsonValueStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public JsonValueStream fetch(long amount) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        drain();
        return this;
    }

    private void read(Buffer piece) {
        if (over) {
            return;
        }
        try {
            values.feed(piece.getBytes(), value -> queue.add(Buffer.buffer(value)));
        } catch (StreamBreak cause) {
            over = true;
            queue.add(cause);
        }
        drain();
    }

    private void ended() {
        if (!over) {
            over = true;
            try {
                values.end(value -> queue.add(Buffer.buffer(value)));
                queue.add(END);
            } catch (StreamBreak cause) {
                queue.add(cause);
            }
        }
        drain();
    }

    /** Hands over what is queued while there is demand; reads the request only while nothing waits. */
    private void drain() {
        if (draining) {
            return; // a handler asked for more while handling a value: the loop below goes on
        }
        draining = true;
        try {
            while (demand > 0 && !queue.isEmpty()) {
                Object next = queue.poll();
                if (next instanceof Buffer value) {
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                    if (handler != null) {
                        handler.handle(value);
                    }
                } else if (next instanceof StreamBreak cause) {
                    if (exceptionHandler != null) {
                        exceptionHandler.handle(cause);
                    }
                } else if (endHandler != null) {
                    endHandler.handle(null);
                }
            }
        } finally {
            draining = false;
        }
        if (over) {
            return;
        }
        if (demand > 0 && queue.isEmpty()) {
            if (requestPaused) {
                requestPaused = false;
                request.resume();
            }
        } else {
            pauseRequest();
        }
    }

    private void pauseRequest() {
        if (!requestPaused && !over) {
            requestPaused = true;
            request.pause();
        }
    }
}
