package io.producergateway.ingest.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.kafka.PartitionKeyExtensionInterceptor;
import io.producergateway.event.Event;

/**
 * Writes CloudEvents as the Kafka protocol binding's binary mode, with the SDK's Kafka message writer: every attribute
 * and extension a {@code ce_<name>} header, {@code datacontenttype} the {@code content-type} header, {@code data} the
 * value (none without data). The {@code partitionkey} extension is also the record key (the binding's key mapper,
 * section 3.1), so it decides the partition as any key does; {@code time} is the record timestamp.
 */
final class KafkaBinding {

    private KafkaBinding() {
    }

    /** The events as the pipeline carries them, in order. */
    static List<Event> events(String topic, List<CloudEvent> events) {
        Instant now = Instant.now();
        List<Event> written = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            written.add(event(topic, event, now));
        }
        return written;
    }

    private static Event event(String topic, CloudEvent event, Instant now) {
        Object partitionKey = event.getExtension(PartitionKeyExtensionInterceptor.PARTITION_KEY_EXTENSION);
        byte[] key = partitionKey == null ? null : partitionKey.toString().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
        return new Event(event.getId(), key, record.value(), new ArrayList<>(Arrays.asList(record.headers().toArray())),
                null, null, timestamp(event.getTime(), now));
    }

    /** The event's time, or the ingest time without one or for one a record timestamp cannot hold (before 1970). */
    private static Instant timestamp(OffsetDateTime time, Instant now) {
        if (time == null || time.toInstant().isBefore(Instant.EPOCH)) {
            return now;
        }
        try {
            time.toInstant().toEpochMilli();
            return time.toInstant();
        } catch (ArithmeticException e) {
            return now;
        }
    }
}
