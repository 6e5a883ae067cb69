package io.producergateway.ingest.stream;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.streams.ReadStream;

/**
 * The messages of a WebSocket as a stream of records: the data of each text message (or binary one, read alike), its
 * frames joined. Pausing it pauses the socket, which stops reading the connection once the few frames Vert.x holds
 * are queued: TCP then pushes back on the client. A message longer than the maximum fails the stream with a
 * {@link StreamBreak} and nothing more is read.
 */
final class WebSocketMessages implements ReadStream<Buffer> {

    static final String FRAME_TOO_LARGE = "frame-too-large";

    private final ServerWebSocket socket;
    private final int maxBytes;
    private Buffer message;
    private boolean broken;
    private Handler<Buffer> handler;
    private Handler<Throwable> exceptionHandler;

    WebSocketMessages(ServerWebSocket socket, int maxBytes) {
        this.socket = socket;
        this.maxBytes = maxBytes;
        socket.frameHandler(this::frame);
    }

    /** The socket's ping, pong and close frames are Vert.x's; a continuation belongs to the message before it. */
    private void frame(WebSocketFrame frame) {
        if (broken || !frame.isText() && !frame.isBinary() && !frame.isContinuation()) {
            return;
        }
        Buffer data = frame.binaryData();
        int length = (message == null ? 0 : message.length()) + data.length();
        if (length > maxBytes) {
            fail(tooLarge(maxBytes));
            return;
        }
        message = message == null ? data : message.appendBuffer(data);
        if (frame.isFinal()) {
            Buffer whole = message;
            message = null;
            if (handler != null) {
                handler.handle(whole);
            }
        }
    }

    /** Nothing more is handed over. */
    private void fail(StreamBreak failure) {
        broken = true;
        message = null;
        if (exceptionHandler != null) {
            exceptionHandler.handle(failure);
        }
    }

    private static StreamBreak tooLarge(int maxBytes) {
        return new StreamBreak(FRAME_TOO_LARGE, new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "A frame (with "
                + "its continuation frames) is longer than " + maxBytes + " bytes (gateway.stream.max-line-bytes); "
                + "the stream ends here"));
    }

    @Override
    public WebSocketMessages exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public WebSocketMessages handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public WebSocketMessages pause() {
        socket.pause();
        return this;
    }

    @Override
    public WebSocketMessages resume() {
        socket.resume();
        return this;
    }

    @Override
    public WebSocketMessages fetch(long amount) {
        socket.fetch(amount);
        return this;
    }

    /** When the client's close frame is read. */
    @Override
    public WebSocketMessages endHandler(Handler<Void> endHandler) {
        socket.endHandler(endHandler);
        return this;
    }
}
