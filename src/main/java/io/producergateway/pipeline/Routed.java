package io.producergateway.pipeline;

import java.time.Instant;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.producergateway.event.Event;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.partitioning.PartitionChoice;

/**
 * One event placed on a partition of its topic, ready to be handed to Kafka.
 *
 * @param size the bytes it holds in the in-flight bound
 */
record Routed(String topic, Event event, PartitionChoice choice, long size) {

    Routed(String topic, Event event, PartitionChoice choice) {
        this(topic, event, choice, event.sizeInBytes());
    }

    int partition() {
        return choice.partition();
    }

    /** Kafka acknowledged it: where it landed (offset -1 where Kafka gives none, with acks=0). */
    Outcome delivered(RecordMetadata metadata) {
        long offset = metadata != null && metadata.hasOffset() ? metadata.offset() : -1;
        Instant timestamp = metadata != null && metadata.hasTimestamp() ? Instant.ofEpochMilli(metadata.timestamp())
                : event.timestamp();
        return Outcome.delivered(event, topic, choice.partition(), choice.reason(), offset, timestamp);
    }

    /** Handed to the producer, the caller answered before Kafka's acknowledgement. */
    Outcome accepted() {
        return Outcome.accepted(event, topic, choice.partition(), choice.reason());
    }

    Outcome failed(ProblemType type, String detail) {
        return Outcome.failed(event, topic, choice.partition(), choice.reason(), type, detail);
    }
}
