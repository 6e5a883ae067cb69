package io.producergateway.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.producergateway.event.GatewayException;
import io.producergateway.event.GatewayException.Violation;
import io.producergateway.event.ProblemType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error body of the API: RFC 9457 problem details, with the invalid fields ({@code errors}) or, for a
 * request whose events fared differently, what became of each event ({@code events}).
 */
@RegisterForReflection(targets = { Problem.class, Violation.class })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> errors,
        List<?> events) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.type(), type.title(), type.status(), detail, null, null);
    }

    public static Problem of(GatewayException e) {
        return new Problem(e.type().type(), e.type().title(), e.type().status(), e.getMessage(),
                e.violations().isEmpty() ? null : e.violations(), null);
    }

    public Problem withEvents(List<?> results) {
        return new Problem(type, title, status, detail, errors, results);
    }

    /** Whether the client should retry the same request later: the answer then carries Retry-After. */
    boolean retriable() {
        return status == 503 || status == 429;
    }
}
