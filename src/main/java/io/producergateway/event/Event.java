package io.producergateway.event;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.Header;

/**
 * One event as the pipeline carries it, whichever API it came in through: the bytes Kafka will store and what the
 * caller asked for its placement.
 *
 * @param id the caller's id, or one the gateway made up; it travels in the {@code event-id} header of our API's records
 * @param key the record key, or null
 * @param value the record value, or null for a tombstone
 * @param headers the record headers, in order
 * @param partition the partition the caller asked for, or null
 * @param priority the priority level the caller asked for, or null
 * @param timestamp the event time: the caller's, or the time the gateway received it
 */
public record Event(String id, byte[] key, byte[] value, List<Header> headers, Integer partition, String priority,
        Instant timestamp) {

    /** Bytes the event holds in memory and on the wire, roughly: what the in-flight bound counts. */
    public long sizeInBytes() {
        return 64 + payloadBytes();
    }

    /** Bytes of key, value and headers: a record with more than a topic's max.message.bytes can never be written. */
    public long payloadBytes() {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
