package io.producergateway.ingest.cloudevents;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: one CloudEvent in the JSON event format as the OpenAPI document shows it. The gateway never
 * binds a body to this type: the SDK reads it ({@link JsonMode}) after the gateway checked it.
 */
@Schema(name = "CloudEvent", description = "One CloudEvent 1.0 in the JSON event format. Any other member is an "
        + "extension attribute: a lower-case name of letters a-z and digits 0-9, and a string, boolean or 32-bit "
        + "integer value; each becomes a ce_<name> record header. A member set to null is unset.",
        requiredProperties = { "specversion", "id", "source", "type" }, additionalProperties = Schema.True.class)
public record CloudEventDocument(
        @Schema(description = "The CloudEvents version: 1.0 only.", enumeration = "1.0") String specversion,
        @Schema(description = "The event's id; source and id identify the event (deduplicate on them).",
                minLength = 1, examples = "order-1") String id,
        @Schema(description = "A URI-reference naming the context the event happened in.", minLength = 1,
                examples = "/shop/checkout") String source,
        @Schema(description = "The kind of event.", minLength = 1, examples = "com.example.order.placed") String type,
        @Schema(description = "The media type of data, written as the record's content-type header; "
                + "application/json when data is given without it.", examples = "application/json")
        String datacontenttype,
        @Schema(description = "An absolute URI of the schema data adheres to.", format = "uri") String dataschema,
        @Schema(description = "The subject of the event within its source.", minLength = 1) String subject,
        @Schema(description = "When the event happened (RFC 3339); also the record timestamp (the ingest time "
                + "without it, or for a time before 1970).", format = "date-time",
                examples = "2024-05-01T12:00:00Z") String time,
        @Schema(description = "The Partitioning extension: the record key, so it decides the partition as any key "
                + "does; also kept as the ce_partitionkey header.", examples = "customer-7") String partitionkey,
        @Schema(description = "The data, written as the record value: a JSON value (its compact JSON text) when "
                + "datacontenttype is JSON or absent, else a string (its UTF-8 bytes). Absent: a record without "
                + "value.", examples = "{\"total\":12.5}") Object data,
        @Schema(name = "data_base64", description = "Binary data in base64, written as the decoded bytes; not with "
                + "data.", format = "byte") String dataBase64) {
}
