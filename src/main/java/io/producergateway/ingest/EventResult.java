package io.producergateway.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.producergateway.event.Outcome;
import io.producergateway.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What our own API answers for one event: where it landed, or, inside a problem, why it did not.
 *
 * @param offset absent when the request was asynchronous or the event failed; -1 with acks=0 (fire-and-forget)
 * @param timestamp the record timestamp, epoch milliseconds
 * @param partitionReason why that partition: round-robin, key-hash, explicit or priority:level
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResult(String id, String topic, Integer partition, Long offset, Long timestamp,
        String partitionReason, Problem error) {

    public static EventResult of(Outcome outcome, boolean async) {
        Problem error = outcome.succeeded() ? null : Problem.of(outcome.error(), outcome.errorDetail());
        // -1 when Kafka gives no offset: the fire-and-forget profile (acks=0).
        Long offset = outcome.succeeded() && !async ? outcome.offset() : null;
        return new EventResult(outcome.event().id(), outcome.topic(), outcome.partition(), offset,
                outcome.timestamp().toEpochMilli(), outcome.partitionReason(), error);
    }
}
