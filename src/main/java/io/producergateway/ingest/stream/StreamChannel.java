package io.producergateway.ingest.stream;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The connection an {@link EventStream} runs over: where its records come from and where its answers go. An HTTP
 * exchange ({@link HttpStreamChannel}: the request's body, a chunked answer) or a WebSocket
 * ({@link WebSocketChannel}: one record per message, one answer per message).
 */
interface StreamChannel {

    /**
     * Starts answering and returns the records as they arrive. Pausing the records stops reading the connection.
     *
     * @param maxRecordBytes the longest record; a longer one fails the records with a {@link StreamBreak}
     */
    ReadStream<Buffer> open(int maxRecordBytes);

    /** What a failure of the records that is not a {@link StreamBreak} already means. */
    StreamBreak broken(Throwable failure, int maxRecordBytes);

    /** Called when the connection fails (not one of its records). */
    void failureHandler(Handler<Throwable> handler);

    /** Called once the connection is closed, by either side. */
    void closeHandler(Handler<Void> handler);

    /** Called when answers can be written again after {@link #writeQueueFull()}. */
    void drainHandler(Handler<Void> handler);

    boolean writeQueueFull();

    /** Writes the answer to one record. */
    void write(byte[] answer);

    /**
     * Ends the stream once every record is answered.
     *
     * @param ending the format's last answer, or null for none
     * @param reason why the stream ended, as its summary says it
     */
    void end(byte[] ending, String reason);
}
