package io.producergateway.ingest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.producergateway.problem.Problem;

/**
 * Documentation only: the texts the OpenAPI annotations of the produce APIs share (each API's request body schema is
 * next to its resource), and the schemas of the values they share.
 */
public final class ApiDocs {

    private ApiDocs() {
    }

    /** The prefix of every problem {@code type} ({@link io.producergateway.event.ProblemType#type()}). */
    public static final String URN = "urn:producer-gateway:problem:";

    public static final String MALFORMED_REQUEST = URN + "malformed-request";
    public static final String INVALID_EVENT = URN + "invalid-event";
    public static final String INVALID_TOPIC = URN + "invalid-topic";
    public static final String UNKNOWN_TOPIC = URN + "unknown-topic";
    public static final String PAYLOAD_TOO_LARGE = URN + "payload-too-large";
    public static final String RECORD_TOO_LARGE = URN + "record-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = URN + "unsupported-media-type";
    public static final String INVALID_FIELD = URN + "invalid-field";
    public static final String INVALID_ENCODING = URN + "invalid-encoding";
    public static final String INVALID_HEADER = URN + "invalid-header";
    public static final String PARTITION_OUT_OF_RANGE = URN + "partition-out-of-range";
    public static final String DELIVERY_FAILED = URN + "delivery-failed";
    public static final String OVERLOADED = URN + "overloaded";
    public static final String BROKER_UNAVAILABLE = URN + "broker-unavailable";
    public static final String SHUTTING_DOWN = URN + "shutting-down";
    public static final String UNAUTHORIZED = URN + "unauthorized";
    public static final String FORBIDDEN = URN + "forbidden";
    public static final String QUOTA_EXCEEDED = URN + "quota-exceeded";
    public static final String SCHEMA_NOT_SUPPORTED = URN + "schema-not-supported";
    public static final String SCHEMA_REQUIRED = URN + "schema-required";
    public static final String UNKNOWN_SCHEMA = URN + "unknown-schema";
    public static final String INVALID_SCHEMA = URN + "invalid-schema";
    public static final String SCHEMA_MISMATCH = URN + "schema-mismatch";
    public static final String SCHEMA_INCOMPATIBLE = URN + "schema-incompatible";
    public static final String SCHEMA_REGISTRY_UNAVAILABLE = URN + "schema-registry-unavailable";
    /** The schema problems our v1 API can give, for its 422 answer. */
    public static final String V1_SCHEMA_PROBLEMS = SCHEMA_NOT_SUPPORTED + " (keySchemaId or valueSchemaId, and no "
            + "gateway.schema-registry.url); " + UNKNOWN_SCHEMA + " (a schema id, subject or version the registry "
            + "does not have); " + INVALID_SCHEMA + " (a registered schema the gateway cannot read, e.g. one with "
            + "references); " + SCHEMA_MISMATCH + " (a key or value that does not match its schema: errors name the "
            + "event and the field's path)";
    /** The schema problems of REST Proxy v2 and v3, for their 422 answers. */
    public static final String SCHEMA_PROBLEMS = V1_SCHEMA_PROBLEMS + "; " + SCHEMA_REQUIRED + " (keys or values in "
            + "a schema format without their schema, or a governed topic's key or value in a format the gateway "
            + "cannot write with its schema); schema texts that do not parse, or a schema of another format than "
            + "asked, are " + INVALID_SCHEMA + " too";
    /** The answer when the registry refuses a new schema version. */
    public static final String SCHEMA_INCOMPATIBLE_TEXT = "Problem type " + SCHEMA_INCOMPATIBLE + ": the schema "
            + "registry refused to register the schema text as incompatible with the subject's versions.";
    public static final String UNAUTHORIZED_TEXT = "Problem type " + UNAUTHORIZED + ": no credentials, an unknown "
            + "API key, or a JWT that is expired, not yet valid, from another issuer or audience, or not signed by a "
            + "trusted key (when gateway.auth.enabled). Nothing was written.";
    public static final String FORBIDDEN_TEXT = "Problem type " + FORBIDDEN + ": neither the caller's principal "
            + "(gateway.auth.grants) nor its token grants this topic. Nothing was written.";
    public static final String QUOTA_TEXT = "Problem type " + QUOTA_EXCEEDED + ": the caller's principal used up "
            + "its quota of events or bytes per second (gateway.auth.quota). Nothing was written; retry after "
            + "Retry-After seconds.";
    public static final String RATE_LIMIT_POLICY = "The caller's quota (draft-ietf-httpapi-ratelimit-headers), on "
            + "every answer to a principal with one: \"events\";q=<per second>;w=1, \"bytes\";q=<per second>;w=1";
    public static final String RATE_LIMIT = "What is left of the caller's quota: \"events\";r=<left>;t=<seconds until "
            + "full>, likewise for bytes";

    public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;

    /** The texts of the error answers both APIs give alike; each names the problem types it carries. */
    public static final String MALFORMED_TEXT = MALFORMED_REQUEST + " (not JSON, an empty body, a duplicate field; a "
            + "body that is not the gzip or deflate data its Content-Encoding says)";
    public static final String INVALID_TOPIC_TEXT = INVALID_TOPIC + " (the topic name is not a legal Kafka topic "
            + "name)";
    public static final String NOT_FOUND = "Problem type " + UNKNOWN_TOPIC + ": the topic does not exist or is "
            + "outside gateway.topics.allowed (the gateway never creates topics), answered from cached metadata; "
            + "also when Kafka itself reports the topic or partition unknown while delivering.";
    public static final String PAYLOAD_TOO_LARGE_TEXT = PAYLOAD_TOO_LARGE + " (more events than "
            + "gateway.ingest.max-events-per-request; a body over quarkus.http.limits.max-body-size is refused "
            + "before it is read whole, with this status and no problem body; a compressed body is counted inflated, "
            + "refused with a problem body as soon as it inflates past the limit); " + RECORD_TOO_LARGE + " (a record "
            + "larger than the topic's max.message.bytes, refused before anything is sent and listed in errors; or "
            + "Kafka refused a record as too large).";
    public static final String UNSUPPORTED = "Problem type " + UNSUPPORTED_MEDIA_TYPE + ": another Content-Type, or a "
            + "Content-Encoding other than gzip or deflate (answered with Accept-Encoding: gzip, deflate).";
    public static final String BAD_GATEWAY = "Problem type " + DELIVERY_FAILED + ": Kafka refused a record for a "
            + "reason other than its size or the broker's availability (authorization, an invalid record).";
    public static final String UNAVAILABLE = "Retriable, with Retry-After. Problem types: " + OVERLOADED
            + " (more than gateway.delivery.max-in-flight events, or gateway.delivery.max-in-flight-bytes, are "
            + "waiting for Kafka, or too many atomic batches wait for their transaction: refused at once, nothing "
            + "written); " + BROKER_UNAVAILABLE + " (Kafka did not acknowledge within delivery.timeout.ms, or the "
            + "cluster did not answer a metadata lookup); " + SHUTTING_DOWN + " (this instance is stopping: nothing "
            + "written, another instance takes the retry); " + SCHEMA_REGISTRY_UNAVAILABLE + " (a schema not cached "
            + "yet, and the schema registry did not answer within gateway.schema-registry.timeout: nothing written).";
    public static final String RETRY_AFTER = "Seconds to wait before retrying (gateway.delivery.retry-after-seconds).";
    public static final String INVALID_DELIVERY = "an unknown X-Delivery profile or one not in "
            + "gateway.delivery.profiles";

    @Schema(name = "EpochMillis", type = SchemaType.INTEGER, format = "int64", minimum = "0",
            description = "Epoch milliseconds.")
    public static final class EpochMillis {
        private EpochMillis() {
        }
    }

    @Schema(name = "IsoInstant", type = SchemaType.STRING, format = "date-time", description = "An ISO-8601 instant.")
    public static final class IsoInstant {
        private IsoInstant() {
        }
    }
}
