package io.producergateway.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.producergateway.event.GatewayException;
import io.producergateway.event.GatewayException.Violation;
import io.producergateway.event.ProblemType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error body of the API: RFC 9457 problem details, with the invalid fields ({@code errors}) or, for a
 * request whose events fared differently, what became of each event ({@code events}). On the REST Proxy paths it also
 * carries Confluent's {@code error_code} and {@code message} ({@link ProblemFormat}), so that REST Proxy clients read
 * the error as they read REST Proxy's.
 */
@RegisterForReflection(targets = { Problem.class, Violation.class })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> errors,
        List<?> events,
        @Schema(description = "Confluent REST Proxy's error code (e.g. 40401 topic not found, 50003 retriable Kafka "
                + "error, otherwise the HTTP status; see docs/errors.md). Present on the REST Proxy paths (/topics, "
                + "/v3 and /kafka/v3) only.") @JsonProperty("error_code") Integer errorCode,
        @Schema(description = "The detail again, where Confluent REST Proxy clients read it. Present on the REST "
                + "Proxy paths (/topics, /v3 and /kafka/v3) only.") String message) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.type(), type.title(), type.status(), detail, null, null, null, null);
    }

    public static Problem of(GatewayException e) {
        return new Problem(e.type().type(), e.type().title(), e.type().status(), e.getMessage(),
                e.violations().isEmpty() ? null : e.violations(), null, null, null);
    }

    public Problem withEvents(List<?> results) {
        return new Problem(type, title, status, detail, errors, results, errorCode, message);
    }

    /** The same problem as REST Proxy clients read it as well: Confluent's code, and the detail as its message. */
    Problem withConfluentCode(int code) {
        return new Problem(type, title, status, detail, errors, events, code, detail != null ? detail : title);
    }

    /** Whether the client should retry the same request later: the answer then carries Retry-After. */
    boolean retriable() {
        return status == 503 || status == 429;
    }
}
