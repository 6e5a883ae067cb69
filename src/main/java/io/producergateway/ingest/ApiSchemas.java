package io.producergateway.ingest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the request bodies of both produce APIs as the OpenAPI document at {@code /q/openapi} shows
 * them, and the texts their annotations share. The gateway never binds a body to these types: it reads bodies itself
 * ({@link EventReader}, {@link RestProxyReader}) so that every malformed body gets the same problem answer.
 */
public final class ApiSchemas {

    private ApiSchemas() {
    }

    /** The prefix of every problem {@code type} ({@link ProblemType#type()}). */
    static final String URN = "urn:producer-gateway:problem:";

    static final String MALFORMED_REQUEST = URN + "malformed-request";
    static final String INVALID_EVENT = URN + "invalid-event";
    static final String INVALID_TOPIC = URN + "invalid-topic";
    static final String UNKNOWN_TOPIC = URN + "unknown-topic";
    static final String PAYLOAD_TOO_LARGE = URN + "payload-too-large";
    static final String RECORD_TOO_LARGE = URN + "record-too-large";
    static final String UNSUPPORTED_MEDIA_TYPE = URN + "unsupported-media-type";
    static final String INVALID_FIELD = URN + "invalid-field";
    static final String INVALID_ENCODING = URN + "invalid-encoding";
    static final String INVALID_HEADER = URN + "invalid-header";
    static final String PARTITION_OUT_OF_RANGE = URN + "partition-out-of-range";
    static final String DELIVERY_FAILED = URN + "delivery-failed";
    static final String OVERLOADED = URN + "overloaded";
    static final String BROKER_UNAVAILABLE = URN + "broker-unavailable";
    static final String SHUTTING_DOWN = URN + "shutting-down";
    static final String UNAUTHORIZED = URN + "unauthorized";
    static final String FORBIDDEN = URN + "forbidden";
    static final String UNAUTHORIZED_TEXT = "Problem type " + UNAUTHORIZED + ": no API key, or not a valid one "
            + "(Authorization: Bearer <key> or X-API-Key: <key>), when gateway.auth.enabled. Nothing was written.";
    static final String FORBIDDEN_TEXT = "Problem type " + FORBIDDEN + ": the caller's principal has no grant for "
            + "this topic (gateway.auth.grants). Nothing was written.";

    static final String PROBLEM_JSON = Problem.MEDIA_TYPE;
    static final String TAG_EVENTS = "Events";
    static final String TAG_REST_PROXY = "REST Proxy v2";

    /** The texts of the error answers both APIs give alike; each names the problem types it carries. */
    static final String MALFORMED_TEXT = MALFORMED_REQUEST + " (not JSON, an empty body, a duplicate field)";
    static final String INVALID_TOPIC_TEXT = INVALID_TOPIC + " (the topic name is not a legal Kafka topic name)";
    static final String NOT_FOUND = "Problem type " + UNKNOWN_TOPIC + ": the topic does not exist or is outside "
            + "gateway.topics.allowed (the gateway never creates topics), answered from cached metadata; also when "
            + "Kafka itself reports the topic or partition unknown while delivering.";
    static final String PAYLOAD_TOO_LARGE_TEXT = PAYLOAD_TOO_LARGE + " (more events than "
            + "gateway.ingest.max-events-per-request; a body over quarkus.http.limits.max-body-size is refused before "
            + "it is read whole, with this status and no problem body); "
            + RECORD_TOO_LARGE + " (a record larger than the topic's max.message.bytes, refused before anything is "
            + "sent and listed in errors; or Kafka refused a record as too large).";
    static final String UNSUPPORTED = "Problem type " + UNSUPPORTED_MEDIA_TYPE + ": another Content-Type.";
    static final String BAD_GATEWAY = "Problem type " + DELIVERY_FAILED + ": Kafka refused a record for a reason "
            + "other than its size or the broker's availability (authorization, an invalid record).";
    static final String UNAVAILABLE = "Retriable, with Retry-After. Problem types: " + OVERLOADED + " (more than "
            + "gateway.delivery.max-in-flight events, or gateway.delivery.max-in-flight-bytes, are waiting for Kafka, "
            + "or too many atomic batches wait for their transaction: refused at once, nothing written); "
            + BROKER_UNAVAILABLE + " (Kafka did not acknowledge within delivery.timeout.ms, or the cluster did not "
            + "answer a metadata lookup); " + SHUTTING_DOWN + " (this "
            + "instance is stopping: nothing written, another instance takes the retry).";
    static final String RETRY_AFTER = "Seconds to wait before retrying (gateway.delivery.retry-after-seconds).";
    static final String INVALID_DELIVERY = "an unknown X-Delivery profile or one not in gateway.delivery.profiles";

    /** One event of our API: {@code POST /v1/topics/{topic}/events} takes one of these or a non-empty array. */
    @Schema(name = "Event", description = "One event. Fields other than these are ignored.",
            requiredProperties = "value")
    public record Event(
            @Schema(description = "Your id, stored in the event-id record header; a UUID is generated when absent.",
                    minLength = 1, maxLength = 200, examples = "order-1") String id,
            @Schema(description = "The record key, stored as UTF-8 bytes; unless partition is given, its hash "
                    + "decides the partition (within the priority's range when priority is given).",
                    examples = "customer-7") String key,
            @Schema(description = "Any JSON, stored as its compact JSON text; "
                    + "null writes a tombstone.", examples = "{\"total\":12.5}") Object value,
            @Schema(description = "Record headers: string values, stored as UTF-8.")
            Map<String, String> headers,
            @Schema(description = "An explicit partition; wins over priority and key (422 partition-out-of-range "
                    + "beyond the topic's partitions).", minimum = "0") Integer partition,
            @Schema(description = "A priority level of gateway.partitioning.levels; the event goes to that level's "
                    + "partitions.", minLength = 1, maxLength = 64, examples = "high") String priority,
            @Schema(description = "The record timestamp: epoch milliseconds or an ISO-8601 instant; the ingest time "
                    + "when absent.", oneOf = { EpochMillis.class, IsoInstant.class }) Object timestamp) {
    }

    /** The body of {@code POST /topics/{topic}}, as Confluent REST Proxy v2 takes it. */
    @Schema(name = "RestProxyProduceRequest", description = "REST Proxy v2 produce request. With "
            + RestProxyResource.JSON_V2 + " keys and values are JSON, stored as their JSON text; with "
            + RestProxyResource.BINARY_V2 + " they are base64 strings, stored as the decoded bytes.",
            requiredProperties = "records")
    public record RestProxyRequest(
            @Schema(description = "The records, produced in order; at most gateway.ingest.max-events-per-request.",
                    minItems = 1) List<RestProxyRecord> records) {
    }

    @Schema(name = "RestProxyRecord", description = "One record of a REST Proxy v2 produce request.",
            requiredProperties = "value")
    public record RestProxyRecord(
            @Schema(description = "Any JSON (json.v2, stored as its JSON text, so a string key keeps its quotes) or "
                    + "a base64 string (binary.v2); unless partition is given, its hash decides the "
                    + "partition (within the X-Priority range when given).") Object key,
            @Schema(description = "Any JSON (json.v2, stored as its JSON text) or a base64 string (binary.v2); null "
                    + "writes a tombstone.") Object value,
            @Schema(description = "An explicit partition; wins over X-Priority and key.", minimum = "0")
            Integer partition,
            @Schema(description = "Record headers, in order.") List<RestProxyHeader> headers,
            @Schema(description = "The record timestamp: epoch milliseconds or an ISO-8601 instant; the ingest time "
                    + "when absent.", oneOf = { EpochMillis.class, IsoInstant.class }) Object timestamp) {
    }

    @Schema(name = "RestProxyHeader", description = "A record header; its value is base64 in both formats.",
            requiredProperties = "key")
    public record RestProxyHeader(
            @Schema(description = "The header name.") String key,
            @Schema(description = "The header value, base64; null for a header without value.",
                    format = "byte", nullable = true) String value) {
    }

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
