package io.producergateway.ingest.stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.config.GatewayConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP server's WebSocket limits, for the streams of {@link EventStreamRoute}. A frame is read whole before
 * anything sees it, and one longer than the server's limit closes the connection at once, without an answer: the limit
 * is twice the longest record ({@code gateway.stream.max-line-bytes}), so that a message over the record limit is
 * answered by its stream, with memory still bounded. Compressed messages (permessage-deflate) are not offered: Vert.x
 * inflates a frame without bound before any limit applies.
 */
@ApplicationScoped
public class WebSocketLimits implements HttpServerOptionsCustomizer {

    private final int maxFrameBytes;

    public WebSocketLimits(GatewayConfig config) {
        this.maxFrameBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(
                HttpServerOptions.DEFAULT_MAX_WEBSOCKET_FRAME_SIZE, 2L * config.stream().maxLineBytes()));
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        limit(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        limit(options);
    }

    private void limit(HttpServerOptions options) {
        options.setMaxWebSocketFrameSize(maxFrameBytes)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
    }
}
