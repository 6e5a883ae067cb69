package io.producergateway.problem;

import io.producergateway.event.ProblemType;

/**
 * The {@code error_code} that Confluent REST Proxy clients read for each of our problem types, as kafka-rest and
 * rest-utils answer the same cause: a code of their own where they have one (40401 topic not found, 40402 partition
 * not found, 40301 Kafka authorization, 40002 Kafka bad request, 42206 payload error, 50002 Kafka error, 50003
 * retriable Kafka error), otherwise the HTTP status, as their framework mappers answer the rest. Kept here rather than
 * in {@link ProblemType}, whose vocabulary knows nothing of Confluent.
 */
public final class ConfluentCodes {

    private ConfluentCodes() {
    }

    /** The code of REST Proxy v2 ({@code /topics}). */
    public static int v2(ProblemType type) {
        return switch (type) {
            // rest-utils' KafkaExceptionMapper: InvalidTopicException is a Kafka bad request
            case INVALID_TOPIC -> 40002;
            // rest-utils' KafkaExceptionMapper: AuthorizationException (the topic's ACLs refuse the caller)
            case FORBIDDEN -> 40301;
            // kafka-rest's Errors.topicNotFoundException, and a topic "not present in metadata" at produce time
            case UNKNOWN_TOPIC -> 40401;
            // kafka-rest's Errors.partitionNotFoundException: the same cause, whether in the path or in a record
            case UNKNOWN_PARTITION, PARTITION_OUT_OF_RANGE -> 40402;
            // kafka-rest's SchemaManagerThrowing: "Schema Registry must be configured when using schemas"
            case SCHEMA_NOT_SUPPORTED -> 42206;
            // kafka-rest's Errors: a schema format without key_schema(_id) / value_schema(_id)
            case SCHEMA_REQUIRED -> 42202;
            // Schema Registry's own code for a schema, subject or version it does not have
            case UNKNOWN_SCHEMA -> 40403;
            // kafka-rest's Errors.invalidSchemaException and jsonConversionException
            case INVALID_SCHEMA -> 42205;
            case SCHEMA_MISMATCH -> 42203;
            // Schema Registry's code for an incompatible schema
            case SCHEMA_INCOMPATIBLE -> 40901;
            // a KafkaException that is not retriable, and a retriable one (a timeout waiting for Kafka)
            case DELIVERY_FAILED -> 50002;
            case BROKER_UNAVAILABLE -> 50003;
            case MALFORMED_REQUEST, INVALID_EVENT, UNAUTHORIZED, NOT_FOUND, UNKNOWN_CLUSTER, METHOD_NOT_ALLOWED,
                    NOT_ACCEPTABLE, REQUEST_TIMEOUT, SCHEMA_REGISTRY_UNAVAILABLE, PAYLOAD_TOO_LARGE, RECORD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
                    INVALID_FIELD, INVALID_ENCODING, INVALID_HEADER, TOO_MANY_STREAMS, QUOTA_EXCEEDED, OVERLOADED,
                    SHUTTING_DOWN, INTERNAL -> type.status();
        };
    }

    /**
     * The code of REST Proxy v3 ({@code [/kafka]/v3}). Like v2, except where kafka-rest answers v3 otherwise: its
     * produce action reports a 422xx violation with the status 422, and its metadata resources report a missing topic
     * or partition with a plain 404 ({@code jakarta.ws.rs.NotFoundException}); only producing records
     * ({@code .../records}) gives 40401 and 40402.
     */
    public static int v3(ProblemType type, boolean producing) {
        int code = v2(type);
        if (code / 100 == 422) {
            return 422;
        }
        if (!producing && code / 100 == 404) {
            return 404;
        }
        return code;
    }
}
