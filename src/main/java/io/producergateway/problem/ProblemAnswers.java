package io.producergateway.problem;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.observability.GatewayMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Builds every error answer of the API, so that status, content type, Retry-After and the problem body follow one
 * rule, whether the answer leaves through Quarkus REST or a plain Vert.x route. The request decides the form
 * ({@link ProblemFormat}): a REST Proxy client gets Confluent's {@code error_code} and {@code message} too.
 */
@Singleton
public class ProblemAnswers {

    private static final String INTERNAL_DETAIL = "The request could not be processed";

    private final ObjectWriter writer;
    private final GatewayMetrics metrics;
    private final int retryAfterSeconds;

    public ProblemAnswers(ObjectMapper mapper, GatewayMetrics metrics, GatewayConfig config) {
        this.writer = mapper.writerFor(Problem.class);
        this.metrics = metrics;
        this.retryAfterSeconds = config.delivery().retryAfterSeconds();
    }

    /** A refused request: nothing of it was sent. Counted as rejected events. */
    Response refused(GatewayException e, ProblemFormat format) {
        metrics.rejected(e.type(), e.events());
        return answer(format.apply(Problem.of(e), e.type()), format, retryAfter(e));
    }

    /**
     * The same answer on a plain Vert.x route (one that runs before Quarkus REST), in the form the request asks for.
     * Counted as rejected.
     */
    public void send(RoutingContext context, GatewayException e) {
        metrics.rejected(e.type(), e.events());
        ProblemFormat format = format(context);
        write(context.response(), format.apply(Problem.of(e), e.type()), format, retryAfter(e));
    }

    /** A problem of a type with this detail on a plain Vert.x route, not counted (an authentication failure). */
    public void write(RoutingContext context, ProblemType type, String detail) {
        ProblemFormat format = format(context);
        write(context.response(), format.apply(Problem.of(type, detail), type), format, retryAfterSeconds);
    }

    private static ProblemFormat format(RoutingContext context) {
        return ProblemFormat.of(context.normalizedPath(), context.request().getHeader(HttpHeaders.ACCEPT));
    }

    private void write(HttpServerResponse response, Problem problem, ProblemFormat format, long retryAfter) {
        if (problem.retriable()) {
            response.putHeader("Retry-After", Long.toString(retryAfter));
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, format.mediaType())
                .end(Buffer.buffer(bytes(problem)));
    }

    private long retryAfter(GatewayException e) {
        return e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() : retryAfterSeconds;
    }

    /** A refused part of a request (a line of a stream) as its problem's JSON text. Counted as rejected. */
    public byte[] refusal(GatewayException e) {
        metrics.rejected(e.type(), e.events());
        return bytes(Problem.of(e));
    }

    /** A problem of a type with this detail, not counted (the framework's own refusals of a path or method). */
    Response answer(ProblemType type, String detail, ProblemFormat format) {
        return answer(format.apply(Problem.of(type, detail), type), format, retryAfterSeconds);
    }

    /** A bug answered 500, counted as an internal-error rejection; the detail never shows the cause. */
    Response internal(ProblemFormat format) {
        metrics.rejected(ProblemType.INTERNAL, 1);
        return answer(ProblemType.INTERNAL, INTERNAL_DETAIL, format);
    }

    /** The same for a part of a request (a line of a stream), as its problem's JSON text. */
    public byte[] internalRefusal() {
        metrics.rejected(ProblemType.INTERNAL, 1);
        return bytes(Problem.of(ProblemType.INTERNAL, INTERNAL_DETAIL));
    }

    /**
     * A problem answer of our own API, whose status is the problem's; with Retry-After when the problem is
     * retriable. The body may list each event's result ({@link Problem#withEvents}).
     */
    public Response answer(Problem problem) {
        return answer(problem, ProblemFormat.PROBLEM, retryAfterSeconds);
    }

    private Response answer(Problem problem, ProblemFormat format, long retryAfter) {
        Response.ResponseBuilder answer = Response.status(problem.status()).entity(bytes(problem))
                .type(format.mediaType());
        if (problem.retriable()) {
            answer.header("Retry-After", retryAfter);
        }
        return answer.build();
    }

    /** A problem's JSON text (a stream writes one per failed line). */
    public byte[] bytes(Problem problem) {
        try {
            return writer.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new UncheckedIOException("A problem could not be written as JSON", e);
        }
    }
}
