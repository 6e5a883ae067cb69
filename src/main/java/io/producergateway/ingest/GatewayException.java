package io.producergateway.ingest;

import java.util.List;

/**
 * A request the gateway answers with a problem instead of a result. Carries no stack trace: it is an answer, not
 * a bug.
 */
public class GatewayException extends RuntimeException {

    private final ProblemType type;
    private final List<Violation> violations;

    public GatewayException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public GatewayException(ProblemType type, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public ProblemType type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One invalid field of one event of a request; {@code index} is the event's position in the request. */
    public record Violation(int index, String field, String type, String detail) {
    }
}
