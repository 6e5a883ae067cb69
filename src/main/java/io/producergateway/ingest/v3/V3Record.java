package io.producergateway.ingest.v3;

import io.producergateway.event.Event;
import io.producergateway.ingest.SchemaDraft;
import io.producergateway.ingest.SchemaEncoding;

/**
 * One record of a REST Proxy v3 produce request as read: the event to produce, and the embedded formats of its key
 * and value as the request named them (BINARY, JSON or STRING; null for an absent key or value), which its delivery
 * report repeats; and, until it is encoded, the draft {@link SchemaEncoding} writes when a schema is involved.
 */
record V3Record(Event event, String keyType, String valueType, SchemaDraft draft, Integer keySchemaId,
        Integer valueSchemaId) {

    V3Record(Event event, String keyType, String valueType, SchemaDraft draft) {
        this(event, keyType, valueType, draft, null, null);
    }

    /** The record once SchemaEncoding wrote it: the event as produced, and the ids of its key and value schemas. */
    V3Record encoded(SchemaEncoding.Encoded encoded) {
        return new V3Record(encoded.events().get(0), keyType, valueType, null, encoded.keySchemaId(),
                encoded.valueSchemaId());
    }
}
