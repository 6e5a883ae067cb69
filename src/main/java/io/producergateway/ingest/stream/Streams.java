package io.producergateway.ingest.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Delivery;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.BodyInflater;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.problem.ProblemAnswers;
import io.producergateway.security.Callers;
import io.producergateway.security.Quotas;
import io.vertx.ext.web.RoutingContext;

/**
 * Opens the streams of every route that takes them ({@link EventStreamRoute}: NDJSON and WebSocket; REST Proxy v3):
 * each is an {@link EventStream} of its route's {@link StreamFormat}, sharing the pipeline, the quotas,
 * {@code gateway.stream.*} and the bound of {@code gateway.auth.max-streams-per-principal} streams open at once per
 * principal, whatever their kind.
 * <p>
 * A stream reads its request (or WebSocket) as it arrives and stops reading when its window of events waiting for
 * Kafka is full: a slow broker then slows the client's writes through TCP instead of filling the heap.
 */
@ApplicationScoped
public class Streams {

    private final EventStream.Parts parts;
    private final ProblemAnswers problems;
    private final int maxStreams;
    private final Map<String, AtomicInteger> openStreams = new ConcurrentHashMap<>();

    public Streams(ProducePipeline pipeline, ProblemAnswers problems, Quotas quotas, GatewayConfig config) {
        int window = Math.max(1, Math.min(config.stream().window(), config.delivery().maxInFlight()));
        this.parts = new EventStream.Parts(pipeline, quotas, config.stream(), window);
        this.problems = problems;
        this.maxStreams = config.auth().maxStreamsPerPrincipal();
    }

    /**
     * Answers the request with a stream of the records it carries, produced to the topic; or with 429 too-many-streams
     * when the caller's principal holds its streams already. Runs on the request's event loop, before anything of the
     * body was read (the request may be paused: the stream resumes it).
     */
    public void open(RoutingContext context, String topic, Delivery delivery, StreamFormat<?> format) {
        Runnable release = hold(context);
        if (release == null) {
            return;
        }
        context.addEndHandler(done -> release.run());
        // The Content-Encoding was checked ahead of authentication (ContentEncodingGuard).
        BodyInflater inflater = BodyInflater.of(context.request().getHeader("Content-Encoding"));
        if (inflater != null) {
            context.addEndHandler(done -> inflater.end());
        }
        HttpStreamChannel channel = new HttpStreamChannel(context.request(), context.response(), format, inflater);
        new EventStream<>(parts, format, channel, topic, delivery, principal(context)).start();
    }

    /**
     * Upgrades the request to a WebSocket and streams the events of its messages, produced to the topic, answering
     * each with a message ({@link WebSocketChannel}); or answers 429 too-many-streams, as plain HTTP, when the
     * caller's principal holds its streams already. Runs on the request's event loop.
     */
    public void openWebSocket(RoutingContext context, String topic, Delivery delivery, StreamFormat<?> format) {
        Runnable release = hold(context);
        if (release == null) {
            return;
        }
        context.request().toWebSocket().onComplete(upgrade -> {
            if (upgrade.failed() || upgrade.result().isClosed()) {
                release.run();
                if (!context.response().ended() && !context.response().closed()) { // Vert.x answers a bad handshake
                    problems.send(context, new GatewayException(ProblemType.INVALID_EVENT, "The WebSocket handshake "
                            + "failed: send Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Version: 13 and a "
                            + "Sec-WebSocket-Key"));
                }
                return;
            }
            WebSocketChannel channel = new WebSocketChannel(upgrade.result(), release);
            new EventStream<>(parts, format, channel, topic, delivery, principal(context)).start();
        });
    }

    /**
     * Takes one of the caller's streams: what gives it back when the stream ends (once), or null once 429 is
     * answered because its principal holds them all. The open principal is not bounded.
     */
    private Runnable hold(RoutingContext context) {
        String principal = Callers.principal(context);
        if (principal == null || principal.equals(Callers.OPEN_PRINCIPAL)) {
            return () -> { };
        }
        AtomicInteger streams = openStreams.computeIfAbsent(principal, p -> new AtomicInteger());
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            problems.send(context, new GatewayException(ProblemType.TOO_MANY_STREAMS, "Principal " + principal
                    + " already holds " + maxStreams + " streams (gateway.auth.max-streams-per-principal)"));
            return null;
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.getAndSet(false)) {
                streams.decrementAndGet();
            }
        };
    }

    private static String principal(RoutingContext context) {
        String principal = Callers.principal(context);
        return principal == null ? Callers.OPEN_PRINCIPAL : principal;
    }
}
