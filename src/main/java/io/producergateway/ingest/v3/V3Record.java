package io.producergateway.ingest.v3;

import io.producergateway.event.Event;

/**
 * One record of a REST Proxy v3 produce request as read: the event to produce, and the embedded formats of its key
 * and value as the request named them (BINARY, JSON or STRING; null for an absent key or value), which its delivery
 * report repeats.
 */
record V3Record(Event event, String keyType, String valueType) {
}
