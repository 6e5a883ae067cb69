package io.producergateway.pipeline;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.opentelemetry.context.Context;
import io.producergateway.delivery.TopicInfo;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.GatewayException.Violation;
import io.producergateway.event.ProblemType;
import io.producergateway.partitioning.PartitionStrategy;

/**
 * Places every event of a request on a partition of its topic, or refuses the whole request listing each event that
 * cannot be placed: a request with an event that cannot be written writes nothing.
 */
@Singleton
class Router {

    private final PartitionStrategy partitioner;

    Router(PartitionStrategy partitioner) {
        this.partitioner = partitioner;
    }

    RoutedBatch route(String topic, TopicInfo info, List<Event> events, long receivedNanos, Context trace) {
        List<Routed> routed = new ArrayList<>(events.size());
        List<Violation> violations = new ArrayList<>();
        ProblemType first = null;
        long now = System.currentTimeMillis();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            // Refused here rather than by the broker: Kafka splits and retries a batch holding a record too large
            // for the topic until delivery.timeout.ms, which would fail its neighbours in the batch too.
            if (event.payloadBytes() > info.maxMessageBytes()) {
                first = first == null ? ProblemType.RECORD_TOO_LARGE : first;
                violations.add(new Violation(i, "value", ProblemType.RECORD_TOO_LARGE.type(), "The record has "
                        + event.payloadBytes() + " bytes; topic " + topic + " takes at most " + info.maxMessageBytes()
                        + " (max.message.bytes)"));
                continue;
            }
            String timestamp = timestampProblem(topic, info, event.timestamp().toEpochMilli(), now);
            if (timestamp != null) {
                first = first == null ? ProblemType.INVALID_FIELD : first;
                violations.add(new Violation(i, "timestamp", ProblemType.INVALID_FIELD.type(), timestamp));
                continue;
            }
            try {
                routed.add(new Routed(topic, event, partitioner.choose(topic, info.partitions(), event)));
            } catch (GatewayException e) {
                first = first == null ? e.type() : first;
                violations.add(new Violation(i, e.field() == null ? "" : e.field(), e.type().type(), e.getMessage()));
            }
        }
        if (first != null) {
            throw new GatewayException(first, violations.get(0).detail(), violations, events.size());
        }
        return new RoutedBatch(topic, routed, receivedNanos, trace);
    }

    /**
     * Why the topic's brokers would refuse the timestamp (Kafka answers InvalidTimestampException, which the caller
     * can only fix by sending another), or null when they take it.
     */
    private static String timestampProblem(String topic, TopicInfo info, long timestamp, long now) {
        if (timestamp - now > info.maxTimestampAheadMillis()) {
            return "timestamp is " + (timestamp - now) + " ms ahead of the broker's clock; topic " + topic
                    + " takes at most " + info.maxTimestampAheadMillis() + " (message.timestamp.after.max.ms)";
        }
        if (now - timestamp > info.maxTimestampBehindMillis()) {
            return "timestamp is " + (now - timestamp) + " ms behind the broker's clock; topic " + topic
                    + " takes at most " + info.maxTimestampBehindMillis() + " (message.timestamp.before.max.ms)";
        }
        return null;
    }
}
