package io.producergateway.ingest.restproxy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.producergateway.event.Outcome;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The REST Proxy v2 answer: one offset entry per record, in request order. */
@RegisterForReflection
public record RestProxyOffsets(List<Entry> offsets, @JsonProperty("key_schema_id") Integer keySchemaId,
        @JsonProperty("value_schema_id") Integer valueSchemaId) {

    /** REST Proxy's error codes for a record Kafka refused: retriable or not. */
    static final int NON_RETRIABLE = 1;
    static final int RETRIABLE = 2;

    static RestProxyOffsets of(List<Outcome> outcomes, boolean async, Integer keySchemaId, Integer valueSchemaId) {
        return new RestProxyOffsets(outcomes.stream().map(o -> Entry.of(o, async)).toList(), keySchemaId,
                valueSchemaId);
    }

    @RegisterForReflection
    public record Entry(Integer partition, Long offset, @JsonProperty("error_code") Integer errorCode, String error) {

        static Entry of(Outcome outcome, boolean async) {
            if (!outcome.succeeded()) {
                return new Entry(outcome.partition(), null, outcome.error().retriable() ? RETRIABLE : NON_RETRIABLE,
                        outcome.errorDetail());
            }
            return new Entry(outcome.partition(), async ? null : outcome.offset(), null, null);
        }
    }
}
