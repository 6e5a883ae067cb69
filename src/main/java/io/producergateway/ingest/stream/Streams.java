package io.producergateway.ingest.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Opens the streams of every route that takes them ({@link EventStreamRoute}, REST Proxy v3): each is an
 * {@link EventStream} of its route's {@link StreamFormat}, sharing the pipeline, the quotas, {@code gateway.stream.*}
 * and the bound of {@code gateway.auth.max-streams-per-principal} streams open at once per principal, whatever their
 * kind.
 * <p>
 * A stream reads its request as it arrives and stops reading when its window of events waiting for Kafka is full: a
 * slow broker then slows the client's writes through TCP instead of filling the heap.
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
        String principal = Callers.principal(context);
        if (principal != null && !principal.equals(Callers.OPEN_PRINCIPAL)) {
            AtomicInteger streams = openStreams.computeIfAbsent(principal, p -> new AtomicInteger());
            if (streams.incrementAndGet() > maxStreams) {
                streams.decrementAndGet();
                problems.send(context, new GatewayException(ProblemType.TOO_MANY_STREAMS, "Principal "
                        + principal + " already holds " + maxStreams
                        + " streams (gateway.auth.max-streams-per-principal)"));
                return;
            }
            context.addEndHandler(done -> streams.decrementAndGet());
        }
        // The Content-Encoding was checked ahead of authentication (ContentEncodingGuard).
        BodyInflater inflater = BodyInflater.of(context.request().getHeader("Content-Encoding"));
        if (inflater != null) {
            context.addEndHandler(done -> inflater.end());
        }
        new EventStream<>(parts, format, context, topic, delivery,
                principal == null ? Callers.OPEN_PRINCIPAL : principal, inflater).start();
    }
}
