package io.producergateway.schema;

/** How the subject of a key or value schema is named, as Confluent's serializers name it. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} or {@code <topic>-value}: the default. */
    TOPIC_NAME,
    /** The record's full name, whatever the topic. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD_NAME
}
