package io.producergateway.ingest.v3;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the body of REST Proxy v3's produce request as the OpenAPI document shows it. The gateway never
 * binds a body to these types: {@link V3RecordReader} reads each record, so that every malformed one gets the same
 * answer.
 */
public final class V3Documents {

    private V3Documents() {
    }

    @Schema(name = "V3ProduceRequest", description = "One record (REST Proxy v3 ProduceRequest). To produce several, "
            + "concatenate them; sent chunked, the body is a stream of records for as long as the connection lasts.")
    public record V3ProduceRequest(
            @Schema(description = "An explicit partition; wins over X-Priority and the key.", minimum = "0",
                    nullable = true) Integer partition_id,
            @Schema(description = "Record headers, in order; a name may repeat.") List<V3Header> headers,
            @Schema(description = "The record key; absent or null for none.", nullable = true) V3Data key,
            @Schema(description = "The record value; absent or null (or without data) writes a tombstone.",
                    nullable = true) V3Data value,
            @Schema(description = "The record timestamp, ISO-8601; the ingest time when absent. A number is refused.",
                    format = "date-time", nullable = true) String timestamp) {
    }

    @Schema(name = "V3ProduceRequestHeader", requiredProperties = "name")
    public record V3Header(
            @Schema(description = "The header name.") String name,
            @Schema(description = "The header value, base64; null for a header without value.", format = "byte",
                    nullable = true) String value) {
    }

    @Schema(name = "V3ProduceRequestData", description = "A key or value and how it is embedded. AVRO, JSONSCHEMA, "
            + "PROTOBUF, a schema member (schema_id, schema_version, subject, subject_name_strategy, schema) or no "
            + "type at all need Schema Registry, which the gateway does not have: refused with "
            + "schema-not-supported (422).", requiredProperties = "type")
    public record V3Data(
            @Schema(enumeration = { "BINARY", "JSON", "STRING" }, description = "BINARY: data is base64, stored as "
                    + "the decoded bytes; JSON: data is any JSON, stored as its JSON text; STRING: data is a string, "
                    + "stored as its UTF-8 bytes.") String type,
            @Schema(description = "The data, any JSON as the type says; absent or null stores null.",
                    nullable = true) Object data) {
    }
}
