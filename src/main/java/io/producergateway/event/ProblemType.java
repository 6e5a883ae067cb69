package io.producergateway.event;

/**
 * Every error the API answers with: its status, its stable {@code type} and its title. The README lists them.
 */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "The request body is not valid JSON"),
    INVALID_EVENT(400, "invalid-event", "The request does not have the required shape"),
    INVALID_TOPIC(400, "invalid-topic", "The topic name is not a valid Kafka topic name"),
    UNAUTHORIZED(401, "unauthorized", "Authentication is required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "No such resource"),
    UNKNOWN_TOPIC(404, "unknown-topic", "The topic does not exist or is not open to producers"),
    UNKNOWN_PARTITION(404, "unknown-partition", "The partition does not exist in the topic"),
    UNKNOWN_CLUSTER(404, "unknown-cluster", "The gateway is in front of another Kafka cluster"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "The requested response media type is not available"),
    REQUEST_TIMEOUT(408, "request-timeout", "The request was not received in time"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request is larger than the gateway accepts"),
    RECORD_TOO_LARGE(413, "record-too-large", "The record is larger than Kafka accepts"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The content type is not supported here"),
    INVALID_FIELD(422, "invalid-field", "A field has a value the gateway cannot use"),
    INVALID_ENCODING(422, "invalid-encoding", "A field is not valid base64"),
    INVALID_HEADER(422, "invalid-header", "A header is not a string"),
    PARTITION_OUT_OF_RANGE(422, "partition-out-of-range", "The partition does not exist in the topic"),
    SCHEMA_NOT_SUPPORTED(422, "schema-not-supported", "Schema-based formats need a schema registry, not configured"),
    SCHEMA_REQUIRED(422, "schema-required", "The topic or format needs a schema, and none was given"),
    UNKNOWN_SCHEMA(422, "unknown-schema", "The schema registry has no such schema, subject or version"),
    INVALID_SCHEMA(422, "invalid-schema", "The schema is not valid"),
    SCHEMA_MISMATCH(422, "schema-mismatch", "A record does not match its schema"),
    SCHEMA_INCOMPATIBLE(409, "schema-incompatible", "The schema registry refused the schema as incompatible"),
    TOO_MANY_STREAMS(429, "too-many-streams", "Too many open streams for this caller, retry later"),
    QUOTA_EXCEEDED(429, "quota-exceeded", "The caller's quota is used up for now, retry later"),
    OVERLOADED(503, "overloaded", "Too many events in flight, retry later"),
    BROKER_UNAVAILABLE(503, "broker-unavailable", "Kafka did not acknowledge in time, retry later"),
    SCHEMA_REGISTRY_UNAVAILABLE(503, "schema-registry-unavailable", "The schema registry did not answer, retry later"),
    DELIVERY_FAILED(502, "delivery-failed", "Kafka refused the record"),
    SHUTTING_DOWN(503, "shutting-down", "The service is shutting down, retry on another instance"),
    INTERNAL(500, "internal-error", "Unexpected error");

    private static final String TYPE_PREFIX = "urn:producer-gateway:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The RFC 9457 {@code type} URI, stable across versions. */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    /** The last part of {@link #type()}: the {@code reason} tag of the meters. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** Whether a client should retry the same request later (the answer carries Retry-After). */
    public boolean retriable() {
        return status == 503 || status == 429;
    }
}
