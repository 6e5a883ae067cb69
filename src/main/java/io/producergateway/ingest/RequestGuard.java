package io.producergateway.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.problem.ProblemAnswers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks a produce request before anything reads its body: the whole body must arrive within
 * {@code gateway.ingest.body-timeout} (408 otherwise, a slow client cannot hold a connection), and a REST Proxy request
 * must say whether it is JSON or binary (415 without a Content-Type, never a guess). Streams
 * ({@value MediaTypes#NDJSON}) are bounded by their own route instead.
 */
@ApplicationScoped
public class RequestGuard {

    private final ProblemAnswers answers;
    private final long bodyTimeoutMillis;

    public RequestGuard(ProblemAnswers answers, GatewayConfig config) {
        this.answers = answers;
        this.bodyTimeoutMillis = config.ingest().bodyTimeout().toMillis();
    }

    void register(@Observes Router router) {
        // Before authentication (-200): an unauthenticated client must not hold a connection either.
        for (String path : new String[] { "/v1/*", "/topics/*" }) {
            router.route(path).order(-300).handler(this::guard);
        }
    }

    private void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() != HttpMethod.POST) {
            context.next();
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null && request.path().startsWith("/topics/")) {
            answers.send(context, new GatewayException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Say what the "
                    + "records are: Content-Type " + MediaTypes.JSON_V2 + ", " + MediaTypes.BINARY_V2 + " or "
                    + MediaTypes.TEXT_V2));
            return;
        }
        if (request.isEnded() || contentType != null && contentType.startsWith(MediaTypes.NDJSON)) {
            context.next();
            return;
        }
        long timer = context.vertx().setTimer(bodyTimeoutMillis, id -> {
            if (!request.isEnded()) {
                tooSlow(context);
            }
        });
        context.addEndHandler(done -> context.vertx().cancelTimer(timer));
        context.next();
    }

    private void tooSlow(RoutingContext context) {
        if (context.response().headWritten()) {
            context.request().connection().close();
            return;
        }
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        context.addEndHandler(done -> context.request().connection().close());
        answers.send(context, new GatewayException(ProblemType.REQUEST_TIMEOUT, "The request body did not "
                + "arrive within " + bodyTimeoutMillis / 1000 + " s (gateway.ingest.body-timeout)"));
    }
}
