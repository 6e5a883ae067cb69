package io.producergateway.ingest.v1;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.producergateway.ingest.ApiDocs;

/**
 * Documentation only: one event of our API as the OpenAPI document shows it. The gateway never binds a body to this
 * type: it reads bodies itself ({@link io.producergateway.ingest.EventReader}) so that every malformed body gets the
 * same problem answer.
 */
@Schema(name = "Event", description = "One event. Fields other than these are ignored.",
        requiredProperties = "value")
public record EventDocument(
        @Schema(description = "Your id, stored in the event-id record header; a UUID is generated when absent.",
                minLength = 1, maxLength = 200, examples = "order-1") String id,
        @Schema(description = "The record key, stored as UTF-8 bytes (with keySchemaId: JSON data written with "
                + "that schema); unless partition is given, its hash decides the partition (within the priority's "
                + "range when priority is given).", examples = "customer-7") Object key,
        @Schema(description = "The id of a schema the registry has: the key is JSON data written with it in "
                + "Confluent's wire format.", minimum = "0") Integer keySchemaId,
        @Schema(description = "Any JSON, stored as its compact JSON text (with valueSchemaId, or on a governed "
                + "topic: written with the schema in Confluent's wire format); null writes a tombstone.",
                examples = "{\"total\":12.5}") Object value,
        @Schema(description = "The id of a schema the registry has: the value is JSON data written with it in "
                + "Confluent's wire format.", minimum = "0") Integer valueSchemaId,
        @Schema(description = "Record headers: string values, stored as UTF-8.")
        Map<String, String> headers,
        @Schema(description = "An explicit partition; wins over priority and key (422 partition-out-of-range "
                + "beyond the topic's partitions).", minimum = "0") Integer partition,
        @Schema(description = "A priority level of gateway.partitioning.levels; the event goes to that level's "
                + "partitions.", minLength = 1, maxLength = 64, examples = "high") String priority,
        @Schema(description = "The record timestamp: epoch milliseconds or an ISO-8601 instant; the ingest time "
                + "when absent.", oneOf = { ApiDocs.EpochMillis.class, ApiDocs.IsoInstant.class }) Object timestamp) {
}
