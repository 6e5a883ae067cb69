package io.producergateway.pipeline;

import java.util.List;

/**
 * The events of one request, each placed on its partition, in request order.
 *
 * @param receivedNanos when the request reached the pipeline ({@link System#nanoTime()}), for the wait meter
 */
record RoutedBatch(String topic, List<Routed> events, long receivedNanos) {

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
