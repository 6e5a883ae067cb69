package io.producergateway.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.problem.ProblemAnswers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the produce APIs and streams right after Quarkus Security has authenticated the request, before anything
 * reads its body: 401 without credentials, 403 for a topic the caller's identity has no {@link TopicPermission} for.
 * Health, metrics and OpenAPI stay open.
 */
@Singleton
public class TopicAccessRoute {

    /** After Quarkus' authentication (-200), before the stream route (-100) and Quarkus REST. */
    static final int ORDER = -150;

    /** The paths of the produce and metadata APIs: v1, REST Proxy v2 and v3 (also under Confluent Cloud's /kafka). */
    public static final String API_PATHS = "/v1/.*|/topics(?:/.*)?|(?:/kafka)?/v3/.*";

    private static final Pattern V3_TOPIC = Pattern.compile("(?:/kafka)?/v3/clusters/[^/]+/topics/([^/]+).*");

    private final ProblemAnswers answers;

    public TopicAccessRoute(ProblemAnswers answers) {
        this.answers = answers;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(API_PATHS).order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        String topic = topic(context.normalizedPath());
        Callers.identity(context).subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous()) {
                context.response().putHeader("WWW-Authenticate", Callers.CHALLENGE);
                answers.send(context, new GatewayException(ProblemType.UNAUTHORIZED, "Send an API key as "
                        + "X-API-Key: <key>, or a bearer token: Authorization: Bearer <API key or JWT>"));
            } else if (topic == null) {
                context.next();
            } else {
                identity.checkPermission(new TopicPermission(topic)).subscribe().with(allowed -> {
                    if (allowed) {
                        context.next();
                    } else {
                        answers.send(context, new GatewayException(ProblemType.FORBIDDEN, "Principal "
                                + Callers.principal(identity) + " may not produce to topic " + topic
                                + " (gateway.auth.grants or the token's grants)"));
                    }
                }, context::fail);
            }
        }, context::fail);
    }

    /**
     * The topic of {@code /v1/topics/{topic}/events}, {@code /topics/{topic}[/...]} or
     * {@code [/kafka]/v3/clusters/{cluster}/topics/{topic}[/...]}; null for other paths.
     */
    static String topic(String path) {
        Matcher v3 = V3_TOPIC.matcher(path);
        if (v3.matches()) {
            return v3.group(1);
        }
        String rest = path.startsWith("/v1/topics/") ? path.substring("/v1/topics/".length())
                : path.startsWith("/topics/") ? path.substring("/topics/".length()) : null;
        if (rest == null || rest.isEmpty()) {
            return null;
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
