package io.producergateway.event;

/**
 * How a request wants its events delivered.
 *
 * @param profile the durability (X-Delivery)
 * @param async answer as soon as the events are handed to the producer (202)
 * @param atomic all events in one Kafka transaction, or none
 */
public record Delivery(DeliveryProfile profile, boolean async, boolean atomic) {
}
