package io.producergateway.ingest;

/** The content types of the produce APIs, shared by the resources, the routes in front of them and the tests. */
public final class MediaTypes {

    /** REST Proxy v2 with JSON keys and values, stored as their JSON text. */
    public static final String JSON_V2 = "application/vnd.kafka.json.v2+json";

    /** REST Proxy v2 with base64 keys and values, stored as the decoded bytes. */
    public static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";

    /** REST Proxy v2 with string keys and values, stored as their UTF-8 bytes (the Strimzi bridge's text format). */
    public static final String TEXT_V2 = "application/vnd.kafka.text.v2+json";

    /** REST Proxy v2 with JSON data written as Avro with the request's schema (Confluent's wire format). */
    public static final String AVRO_V2 = "application/vnd.kafka.avro.v2+json";

    /** REST Proxy v2 with JSON data validated by the request's JSON Schema (Confluent's wire format). */
    public static final String JSONSCHEMA_V2 = "application/vnd.kafka.jsonschema.v2+json";

    /** REST Proxy v2 with JSON data written as the request's Protobuf message (Confluent's wire format). */
    public static final String PROTOBUF_V2 = "application/vnd.kafka.protobuf.v2+json";

    /** The REST Proxy v2 answer. */
    public static final String V2 = "application/vnd.kafka.v2+json";

    /** A stream of events, one JSON object per line, answered line by line. */
    public static final String NDJSON = "application/x-ndjson";

    private MediaTypes() {
    }
}
