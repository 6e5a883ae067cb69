package io.producergateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.problem.ProblemAnswers;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * For a principal with a quota: the {@code RateLimit-Policy} and {@code RateLimit} headers on every answer, and a 429
 * before the body is read while its quota has not one event or byte left (the body's events and bytes are taken once
 * it is read). A stream is never refused: it is read more slowly instead.
 */
@ApplicationScoped
public class QuotaRoute {

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
        // A stream (application/x-ndjson) is slowed by its own route instead.
        boolean stream = contentType != null && contentType.startsWith("application/x-ndjson");
        if (wait > 0 && context.request().method() == HttpMethod.POST && !stream) {
            quotas.refused(principal, 1);
            context.response().putHeader("Connection", "close");
            answers.send(context, Quotas.exceeded(principal, wait));
            return;
        }
        context.next();
    }
}
