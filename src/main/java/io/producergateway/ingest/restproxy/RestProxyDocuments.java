package io.producergateway.ingest.restproxy;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.producergateway.ingest.ApiDocs;
import io.producergateway.ingest.MediaTypes;

/**
 * Documentation only: the body of {@code POST /topics/{topic}} as the OpenAPI document shows it. The gateway never
 * binds a body to these types: {@link RestProxyReader} reads it, so that every malformed body gets the same problem
 * answer.
 */
public final class RestProxyDocuments {

    private RestProxyDocuments() {
    }

    /** The body of {@code POST /topics/{topic}}, as Confluent REST Proxy v2 takes it. */
    @Schema(name = "RestProxyProduceRequest", description = "REST Proxy v2 produce request. With "
            + MediaTypes.JSON_V2 + " keys and values are JSON, stored as their JSON text; with "
            + MediaTypes.BINARY_V2 + " they are base64 strings, stored as the decoded bytes; with " + MediaTypes.TEXT_V2
            + " strings, stored as their UTF-8 bytes. In the schema formats (" + MediaTypes.AVRO_V2 + ", "
            + MediaTypes.JSONSCHEMA_V2 + ", " + MediaTypes.PROTOBUF_V2 + ") keys and values are JSON data, written "
            + "with the schemas the request names in Confluent's wire format: a schema id wins over a schema text; "
            + "records with keys need a key schema, records with values a value schema.",
            requiredProperties = "records")
    public record RestProxyRequest(
            @Schema(description = "Schema formats only: the key schema's text (an Avro schema, a JSON Schema, a "
                    + ".proto file), registered under the topic's key subject (<topic>-key by default).")
            @JsonProperty("key_schema") String keySchema,
            @Schema(description = "Schema formats only: the id of a key schema the registry has.", minimum = "0")
            @JsonProperty("key_schema_id") Integer keySchemaId,
            @Schema(description = "Schema formats only: the value schema's text, registered under the topic's value "
                    + "subject (<topic>-value by default).") @JsonProperty("value_schema") String valueSchema,
            @Schema(description = "Schema formats only: the id of a value schema the registry has.", minimum = "0")
            @JsonProperty("value_schema_id") Integer valueSchemaId,
            @Schema(description = "The records, produced in order; at most gateway.ingest.max-events-per-request. In "
                    + "the schema formats, keys and values are JSON data in the schema's JSON form (Avro: unions as "
                    + "{\"type\": value}).", minItems = 1) List<RestProxyRecord> records) {
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
                    + "when absent.", oneOf = { ApiDocs.EpochMillis.class, ApiDocs.IsoInstant.class })
            Object timestamp) {
    }

    @Schema(name = "RestProxyHeader", description = "A record header; its value is base64 in both formats.",
            requiredProperties = "key")
    public record RestProxyHeader(
            @Schema(description = "The header name.") String key,
            @Schema(description = "The header value, base64; null for a header without value.",
                    format = "byte", nullable = true) String value) {
    }
}
