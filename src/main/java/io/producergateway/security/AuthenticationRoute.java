package io.producergateway.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.problem.ProblemAnswers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards both produce APIs and streams, in front of every other route but the request guard: 401 without a valid API
 * key, 403 for a topic the principal has no grant for. Health, metrics and OpenAPI stay open.
 */
@ApplicationScoped
public class AuthenticationRoute {

    /** Where the caller's principal is kept in the routing context, for the routes after this one. */
    private static final String PRINCIPAL = AuthenticationRoute.class.getName() + ".principal";

    private final ProducerAccess access;
    private final ProblemAnswers answers;

    public AuthenticationRoute(ProducerAccess access, ProblemAnswers answers) {
        this.access = access;
        this.answers = answers;
    }

    /** The principal of an authenticated request; null when authentication is off. */
    public static String principal(RoutingContext context) {
        return context.get(PRINCIPAL);
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
        try {
            context.put(PRINCIPAL, access.authorize(presentedKey(context), topic(context.normalizedPath())));
        } catch (GatewayException e) {
            if (e.type() == ProblemType.UNAUTHORIZED) {
                context.response().putHeader("WWW-Authenticate", "Bearer realm=\"producer-gateway\"");
            }
            answers.send(context.response(), e);
            return;
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
