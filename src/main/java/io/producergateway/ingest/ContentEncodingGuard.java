package io.producergateway.ingest;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.producergateway.event.GatewayException;
import io.producergateway.problem.ProblemAnswers;
import io.producergateway.security.TopicAccessRoute;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a produce request whose body is compressed in a way the gateway does not inflate (415 with
 * {@code Accept-Encoding: gzip, deflate}, RFC 9110 section 15.5.16) before anything reads it, on every produce path:
 * the readers behind it ({@link InflatingBodyReader}, the stream route) then meet only gzip, deflate or plain bodies.
 */
@Singleton
public class ContentEncodingGuard {

    private final ProblemAnswers answers;

    public ContentEncodingGuard(ProblemAnswers answers) {
        this.answers = answers;
    }

    void register(@Observes Router router) {
        // Before the body timeout (-300) and authentication (-200): the body is never read.
        router.routeWithRegex(TopicAccessRoute.API_PATHS).order(-310).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        if (context.request().method() == HttpMethod.POST) {
            try {
                BodyInflater.coding(context.request().getHeader(HttpHeaders.CONTENT_ENCODING));
            } catch (GatewayException e) {
                context.response().putHeader(HttpHeaders.ACCEPT_ENCODING, BodyInflater.ACCEPTED);
                answers.send(context, e);
                return;
            }
        }
        context.next();
    }
}
