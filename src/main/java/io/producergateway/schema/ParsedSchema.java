package io.producergateway.schema;

/** A schema's text parsed by its format, ready to turn JSON data into that format's bytes. */
public interface ParsedSchema {

    SchemaType type();

    /** The schema text as it was given or as the registry returned it. */
    String text();

    /**
     * The full name of the record type this schema writes (Avro's record full name, Protobuf's first message full
     * name, JSON Schema's {@code title}), for RecordNameStrategy and TopicRecordNameStrategy; null when it has none.
     */
    String recordName();
}
