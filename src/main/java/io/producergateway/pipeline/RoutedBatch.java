package io.producergateway.pipeline;

import java.util.List;

import io.opentelemetry.context.Context;

/**
 * The events of one request, each placed on its partition, in request order.
 *
 * @param receivedNanos when the request reached the pipeline ({@link System#nanoTime()}), for the wait meter
 * @param trace the trace context of the request, the parent of each record's producer span
 */
record RoutedBatch(String topic, List<Routed> events, long receivedNanos, Context trace) {

    int size() {
        return events.size();
    }

    /** The bytes the batch holds in the in-flight bound. */
    long bytes() {
        long bytes = 0;
        for (Routed routed : events) {
            bytes += routed.size();
        }
        return bytes;
    }
}
