package io.producergateway.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * The one place where exceptions become answers: every error is a problem body, never a stack trace; on the REST Proxy
 * paths with Confluent's members too ({@link ProblemFormat}, from the request's path and Accept).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ProblemAnswers answers;

    public ProblemMapper(ProblemAnswers answers) {
        this.answers = answers;
    }

    @ServerExceptionMapper
    public Response gateway(GatewayException e, UriInfo uri, HttpHeaders headers) {
        return answers.refused(e, format(uri, headers));
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.MALFORMED_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 408 -> ProblemType.REQUEST_TIMEOUT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (type == null) {
            LOG.errorf(e, "Unexpected framework error with status %d", status);
            return answers.internal(format(uri, headers));
        }
        String detail = type == ProblemType.UNSUPPORTED_MEDIA_TYPE
                ? "Use application/json on /v1, application/vnd.kafka.json.v2+json, application/vnd.kafka.binary.v2+json "
                        + "or application/vnd.kafka.text.v2+json on /topics"
                : type.title();
        return answers.answer(type, detail, format(uri, headers));
    }

    /**
     * A bug. Not an {@link java.io.IOException}: reading a request fails that way when the client goes away, or when a
     * chunked body passes {@code quarkus.http.limits.max-body-size} and the HTTP layer has already answered 413 and
     * closed the connection. Quarkus REST and Quarkus log those at DEBUG and write nothing more; a mapper here would
     * try to answer over the 413 and log at ERROR.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        LOG.error("Unexpected error while handling a request", e);
        return answers.internal(format(uri, headers));
    }

    private static ProblemFormat format(UriInfo uri, HttpHeaders headers) {
        return ProblemFormat.of(uri.getPath(), headers.getHeaderString(HttpHeaders.ACCEPT));
    }
}
