package io.producergateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.config.GatewayConfig;
import io.producergateway.ingest.Answers;
import io.producergateway.ingest.EventStreamRoute;
import io.producergateway.ingest.GatewayException;
import io.producergateway.ingest.ProblemType;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards both produce APIs and streams, in front of every other route: 401 without a valid API key, 403 for a topic
 * the principal has no grant for, 429 past the principal's open streams. Health, metrics and OpenAPI stay open.
 */
@ApplicationScoped
public class AuthenticationRoute {

    private final ProducerAccess access;
    private final Answers answers;
    private final int maxStreams;
    private final Map<String, AtomicInteger> openStreams = new ConcurrentHashMap<>();

    public AuthenticationRoute(ProducerAccess access, Answers answers, GatewayConfig config) {
        this.access = access;
        this.answers = answers;
        this.maxStreams = config.auth().maxStreamsPerPrincipal();
    }

    void checkConfiguration(@Observes @Priority(3) StartupEvent event) {
        if (!access.problems().isEmpty()) {
            throw new ConfigurationException("Invalid authentication configuration, the service will not start:\n - "
                    + String.join("\n - ", access.problems()));
        }
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(-200).handler(this::guard);
        router.route("/topics/*").order(-200).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        if (!access.enabled()) {
            context.next();
            return;
        }
        String principal;
        try {
            principal = access.authorize(presentedKey(context), topic(context.normalizedPath()));
        } catch (GatewayException e) {
            if (e.type() == ProblemType.UNAUTHORIZED) {
                context.response().putHeader("WWW-Authenticate", "Bearer realm=\"producer-gateway\"");
            }
            answers.send(context.response(), e);
            return;
        }
        String contentType = context.request().getHeader("Content-Type");
        if (contentType != null && contentType.startsWith(EventStreamRoute.NDJSON)) {
            AtomicInteger streams = openStreams.computeIfAbsent(principal, p -> new AtomicInteger());
            if (streams.incrementAndGet() > maxStreams) {
                streams.decrementAndGet();
                answers.send(context.response(), new GatewayException(ProblemType.TOO_MANY_STREAMS, "Principal "
                        + principal + " already holds " + maxStreams + " streams (gateway.auth.max-streams-per-principal)"));
                return;
            }
            context.addEndHandler(done -> streams.decrementAndGet());
        }
        context.next();
    }

    private static String presentedKey(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7);
        }
        return context.request().getHeader("X-API-Key");
    }

    /** The topic of {@code /v1/topics/{topic}/events} or {@code /topics/{topic}}; null for other paths. */
    static String topic(String path) {
        String rest = path.startsWith("/v1/topics/") ? path.substring("/v1/topics/".length())
                : path.startsWith("/topics/") ? path.substring("/topics/".length()) : null;
        if (rest == null || rest.isEmpty()) {
            return null;
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
