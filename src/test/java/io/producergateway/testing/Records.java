package io.producergateway.testing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.producergateway.ingest.EventReader;

/** Reads what the gateway wrote into a record, as text. */
public final class Records {

    private Records() {
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The last value of the header, as UTF-8 text; null when the record has no such header (or it has no value). */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    /** The event id the gateway stored in the {@value EventReader#ID_HEADER} header. */
    public static String eventId(ConsumerRecord<byte[], byte[]> record) {
        return header(record, EventReader.ID_HEADER);
    }
}
