package io.producergateway.event;

import java.time.Instant;
import java.util.List;

/**
 * What became of one event: acknowledged at a partition and offset, accepted for asynchronous delivery, or failed
 * with a problem.
 *
 * @param offset the offset Kafka acknowledged; -1 when unknown (asynchronous, acks=0, or failed)
 * @param partitionReason why the event went to that partition (round-robin, key-hash, explicit, priority:level)
 */
public record Outcome(Event event, String topic, int partition, String partitionReason, long offset,
        Instant timestamp, ProblemType error, String errorDetail) {

    public static Outcome delivered(Event event, String topic, int partition, String reason, long offset,
            Instant timestamp) {
        return new Outcome(event, topic, partition, reason, offset, timestamp, null, null);
    }

    public static Outcome accepted(Event event, String topic, int partition, String reason) {
        return new Outcome(event, topic, partition, reason, -1, event.timestamp(), null, null);
    }

    public static Outcome failed(Event event, String topic, int partition, String reason, ProblemType error,
            String detail) {
        return new Outcome(event, topic, partition, reason, -1, event.timestamp(), error, detail);
    }

    public boolean succeeded() {
        return error == null;
    }

    /** The failure with the highest status among the outcomes; null when every event succeeded. */
    public static ProblemType worst(List<Outcome> outcomes) {
        ProblemType worst = null;
        for (Outcome outcome : outcomes) {
            if (!outcome.succeeded() && (worst == null || outcome.error().status() > worst.status())) {
                worst = outcome.error();
            }
        }
        return worst;
    }
}
