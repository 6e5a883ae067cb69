package io.producergateway.ingest.stream;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.streams.ReadStream;

/**
 * A stream over a WebSocket: one record per message ({@link WebSocketMessages}), one text message per answer (the
 * summary included), and a close frame whose code says why the gateway ended the stream. A stream the client closes
 * has ended already: Vert.x answers its close frame at once.
 */
final class WebSocketChannel implements StreamChannel {

    /** The close codes of docs/api.md, by the reason a stream ends as its summary says it. */
    private static final Map<String, Short> CLOSE_CODES = Map.of(
            "idle-timeout", (short) 4000,
            "max-duration", (short) 4001,
            WebSocketMessages.FRAME_TOO_LARGE, (short) WebSocketCloseStatus.MESSAGE_TOO_BIG.code());

    private final ServerWebSocket socket;
    private final Runnable closed;

    /** {@code closed}: run once the socket is closed. */
    WebSocketChannel(ServerWebSocket socket, Runnable closed) {
        this.socket = socket;
        this.closed = closed;
    }

    @Override
    public ReadStream<Buffer> open(int maxRecordBytes) {
        return new WebSocketMessages(socket, maxRecordBytes);
    }

    /** {@link WebSocketMessages} fails with a {@link StreamBreak} only. */
    @Override
    public StreamBreak broken(Throwable failure, int maxRecordBytes) {
        return (StreamBreak) failure;
    }

    /** Vert.x closes the connection after any failure of it, a frame it could not decode included. */
    @Override
    public void failureHandler(Handler<Throwable> handler) {
        socket.exceptionHandler(handler);
    }

    @Override
    public void closeHandler(Handler<Void> handler) {
        socket.closeHandler(v -> {
            closed.run();
            handler.handle(v);
        });
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
        socket.drainHandler(handler);
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void write(byte[] answer) {
        socket.writeTextMessage(new String(answer, StandardCharsets.UTF_8));
    }

    /** The summary, then a close frame: 1011 when the stream ended for a reason of its own but not a known one. */
    @Override
    public void end(byte[] ending, String reason) {
        if (socket.isClosed()) {
            return;
        }
        if (ending != null) {
            write(ending);
        }
        socket.close(CLOSE_CODES.getOrDefault(reason, (short) WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code()),
                reason);
    }
}
