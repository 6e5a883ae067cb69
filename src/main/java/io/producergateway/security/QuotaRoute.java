package io.producergateway.security;

import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.producergateway.problem.ProblemAnswers;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * For a principal with a quota: the {@code RateLimit-Policy} and {@code RateLimit} headers on every answer, and a 429
 * before the body is read while its quota has not one event or byte left (the body's events and bytes are taken once
 * it is read). A stream is never refused: it is read more slowly instead.
 */
@Singleton
public class QuotaRoute {

    /** REST Proxy v3's produce path: a body without a length there is a stream. */
    private static final Pattern V3_RECORDS = Pattern.compile("(?:/kafka)?/v3/clusters/[^/]+/topics/[^/]+/records");

    private final Quotas quotas;
    private final ProblemAnswers answers;

    public QuotaRoute(Quotas quotas, ProblemAnswers answers) {
        this.quotas = quotas;
        this.answers = answers;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(TopicAccessRoute.API_PATHS).order(TopicAccessRoute.ORDER + 10).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        String principal = Callers.principal(context);
        Quotas.Buckets quota = principal == null ? null : quotas.of(principal);
        if (quota == null) {
            context.next();
            return;
        }
        context.response().putHeader("RateLimit-Policy", quota.policy());
        context.addHeadersEndHandler(v -> context.response().putHeader("RateLimit", quota.state(System.nanoTime())));
        long wait = quota.secondsUntil(1, 1, System.nanoTime()); // not one event, not one byte: refused unread
        String contentType = context.request().getHeader("Content-Type");
        // A stream is slowed by its own route instead: application/x-ndjson, or a REST Proxy v3 body without a length.
        boolean stream = contentType != null && contentType.startsWith("application/x-ndjson")
                && !context.request().path().endsWith("/cloudevents") // there a CloudEvent's data, not a stream
                || V3_RECORDS.matcher(context.request().path()).matches()
                        && context.request().getHeader("Content-Length") == null;
        if (wait > 0 && context.request().method() == HttpMethod.POST && !stream) {
            quotas.refused(principal, 1);
            context.response().putHeader("Connection", "close");
            answers.send(context, Quotas.exceeded(principal, wait));
            return;
        }
        context.next();
    }
}
