package io.producergateway.ingest;

import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

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
 * must say what its body is (415 without a Content-Type, never a guess: JSON or binary for v2, JSON for v3). Streams
 * ({@value MediaTypes#NDJSON}, and REST Proxy v3 bodies sent without a length, {@link #isV3Stream}) are bounded by
 * their own route instead.
 */
@Singleton
public class RequestGuard {

    private static final Pattern V3_RECORDS = Pattern.compile("(?:/kafka)?/v3/clusters/[^/]+/topics/[^/]+/records");

    private final ProblemAnswers answers;
    private final long bodyTimeoutMillis;

    public RequestGuard(ProblemAnswers answers, GatewayConfig config) {
        this.answers = answers;
        this.bodyTimeoutMillis = config.ingest().bodyTimeout().toMillis();
    }

    void register(@Observes Router router) {
        // Before authentication (-200): an unauthenticated client must not hold a connection either.
        for (String path : new String[] { "/v1/*", "/topics/*", "/v3/*", "/kafka/v3/*" }) {
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
                    + "records are: Content-Type " + MediaTypes.JSON_V2 + ", " + MediaTypes.BINARY_V2 + ", "
                    + MediaTypes.TEXT_V2 + ", " + MediaTypes.AVRO_V2 + ", " + MediaTypes.JSONSCHEMA_V2 + " or "
                    + MediaTypes.PROTOBUF_V2));
            return;
        }
        if (contentType == null && isV3Records(request.path())) {
            answers.send(context, new GatewayException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Say what the "
                    + "records are: Content-Type application/json"));
            return;
        }
        // NDJSON is a stream on the events path only: as a CloudEvent's data (binary mode) it is a body like any other
        if (request.isEnded() || contentType != null && contentType.startsWith(MediaTypes.NDJSON)
                && !request.path().endsWith("/cloudevents") || isV3Stream(request)) {
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

    /** REST Proxy v3's produce path, also under Confluent Cloud's {@code /kafka} prefix. */
    public static boolean isV3Records(String path) {
        return V3_RECORDS.matcher(path).matches();
    }

    /**
     * A REST Proxy v3 request whose body comes without a length (chunked, as Confluent's streaming mode sends it):
     * a stream of records, answered one delivery report per record as the body arrives, for as long as it lasts.
     */
    public static boolean isV3Stream(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && isV3Records(request.path())
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null;
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
