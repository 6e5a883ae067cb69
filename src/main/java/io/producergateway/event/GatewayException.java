package io.producergateway.event;

import java.util.List;

/**
 * A request the gateway answers with a problem instead of a result. Carries no stack trace: it is an answer, not
 * a bug.
 */
public class GatewayException extends RuntimeException {

    private final ProblemType type;
    private final List<Violation> violations;
    private final int events;
    private final String field;
    private final long retryAfterSeconds;

    public GatewayException(ProblemType type, String detail) {
        this(type, detail, List.of(), 1);
    }

    /**
     * @param events how many events the refused request carried (1 when the body could not be read), for the meters
     */
    public GatewayException(ProblemType type, String detail, List<Violation> violations, int events) {
        this(type, detail, violations, events, null);
    }

    private GatewayException(ProblemType type, String detail, List<Violation> violations, int events, String field) {
        this(type, detail, violations, events, field, 0);
    }

    private GatewayException(ProblemType type, String detail, List<Violation> violations, int events, String field,
            long retryAfterSeconds) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.events = Math.max(1, events);
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A refusal of one field of one event (its {@code partition}, its {@code priority}): whoever knows the event's
     * place in the request lists it as a {@link Violation} of that field.
     */
    public static GatewayException ofField(ProblemType type, String field, String detail) {
        return new GatewayException(type, detail, List.of(), 1, field);
    }

    /** The same refusal, counted for a request of {@code count} events. */
    public GatewayException forEvents(int count) {
        return new GatewayException(type, getMessage(), violations, count, field, retryAfterSeconds);
    }

    /** The same refusal, telling the caller to retry after this many seconds rather than the gateway's default. */
    public GatewayException retryAfter(long seconds) {
        return new GatewayException(type, getMessage(), violations, events, field, seconds);
    }

    /** When the caller should retry, in seconds; 0 for the gateway's default (retriable types only). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int events() {
        return events;
    }

    public ProblemType type() {
        return type;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The event field this refusal is about ({@link #ofField}), or null. */
    public String field() {
        return field;
    }

    /** One invalid field of one event of a request; {@code index} is the event's position in the request. */
    public record Violation(int index, String field, String type, String detail) {
    }
}
