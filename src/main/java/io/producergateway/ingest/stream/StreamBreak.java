package io.producergateway.ingest.stream;

import io.producergateway.event.GatewayException;

/**
 * The request of a stream cannot be cut into records any further (a record too long, concatenated JSON that is not
 * valid): the stream answers the problem for that record, reads nothing more, and ends once the records before it are
 * answered.
 */
public final class StreamBreak extends RuntimeException {

    private final String reason;
    private final GatewayException problem;

    /**
     * @param reason why the stream ended, as its summary says it ({@code line-too-long}, {@code malformed-record}...)
     */
    public StreamBreak(String reason, GatewayException problem) {
        super(problem.getMessage(), null, false, false);
        this.reason = reason;
        this.problem = problem;
    }

    public String reason() {
        return reason;
    }

    public GatewayException problem() {
        return problem;
    }
}
