package io.producergateway.ingest.v3;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.producergateway.event.Outcome;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The delivery report of a record Kafka acknowledged, as REST Proxy v3 gives it. */
@Schema(name = "V3DeliveryReport", description = "A record Kafka acknowledged (REST Proxy v3 ProduceResponse).")
@RegisterForReflection(targets = { DeliveryReport.class, DeliveryReport.Data.class })
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "error_code", "cluster_id", "topic_name", "partition_id", "offset", "timestamp", "key", "value" })
public record DeliveryReport(
        @Schema(description = "Always 200 here.", example = "200") @JsonProperty("error_code") int errorCode,
        @Schema(description = "The Kafka cluster's id.") @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("topic_name") String topicName,
        @Schema(description = "The partition the record went to.") @JsonProperty("partition_id") int partitionId,
        @Schema(description = "The record's offset; -1 with X-Delivery: fire-and-forget, where Kafka acknowledges "
                + "nothing.") long offset,
        @Schema(description = "The record timestamp, ISO-8601.", format = "date-time") String timestamp,
        @Schema(description = "The key's type as sent and the bytes stored; null without a key.", nullable = true)
        Data key,
        @Schema(description = "The value's type as sent and the bytes stored; null without a value (a tombstone).",
                nullable = true) Data value) implements V3Report {

    /**
     * A key or value as stored: the type it was sent as, its size in bytes (0 for a null key or value), and the id of
     * the schema it was written with (only for a schema type).
     */
    @Schema(name = "V3DeliveryReportData")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(
            @Schema(enumeration = { "BINARY", "JSON", "STRING", "AVRO", "JSONSCHEMA", "PROTOBUF" }) String type,
            long size,
            @Schema(description = "The id of the schema the data was written with.") @JsonProperty("schema_id")
            Integer schemaId) {

        static Data of(String type, byte[] stored, Integer schemaId) {
            if (type == null && schemaId == null) {
                return null;
            }
            return new Data(type, stored == null ? 0 : stored.length, schemaId);
        }
    }

    static DeliveryReport of(String clusterId, V3Record record, Outcome outcome) {
        return new DeliveryReport(200, clusterId, outcome.topic(), outcome.partition(), outcome.offset(),
                outcome.timestamp().toString(), Data.of(record.keyType(), record.event().key(), record.keySchemaId()),
                Data.of(record.valueType(), record.event().value(), record.valueSchemaId()));
    }

    @Override
    public int httpStatus() {
        return 200;
    }
}
