package io.producergateway.event;

import io.opentelemetry.context.Context;

/**
 * How a request wants its events delivered.
 *
 * @param profile the durability (X-Delivery)
 * @param async answer as soon as the events are handed to the producer (202)
 * @param atomic all events in one Kafka transaction, or none
 * @param trace the request's trace context, taken on its thread when the request was read: the parent of its records'
 *        producer spans, whose {@code traceparent} goes into their headers (the pipeline may run later, on a Kafka or
 *        registry thread, where the request's context is not current)
 */
public record Delivery(DeliveryProfile profile, boolean async, boolean atomic, Context trace) {

    /** Outside any trace. */
    public Delivery(DeliveryProfile profile, boolean async, boolean atomic) {
        this(profile, async, atomic, Context.root());
    }
}
