package io.producergateway.ingest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become answers: every error is a problem body, never a stack trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final Answers answers;

    public ProblemMapper(Answers answers) {
        this.answers = answers;
    }

    @ServerExceptionMapper
    public Response gateway(GatewayException e) {
        return answers.problem(e);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
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
            return answers.problem(ProblemType.INTERNAL, "The request could not be processed");
        }
        String detail = type == ProblemType.UNSUPPORTED_MEDIA_TYPE
                ? "Use application/json on /v1, application/vnd.kafka.json.v2+json or application/vnd.kafka.binary.v2+json on /topics"
                : type.title();
        return answers.problem(type, detail);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("Unexpected error while handling a request", e);
        return answers.problem(ProblemType.INTERNAL, "The request could not be processed");
    }
}
