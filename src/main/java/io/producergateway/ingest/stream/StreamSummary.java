package io.producergateway.ingest.stream;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The last line of an event stream: how many events Kafka acknowledged and how many failed, and why the stream ended
 * ({@code end-of-request}, {@code idle-timeout}, {@code max-duration}, {@code line-too-long}, {@code connection-error};
 * a stream of concatenated JSON also ends with {@code malformed-record} or {@code record-too-large}, a WebSocket with
 * {@code frame-too-large}).
 */
@RegisterForReflection(targets = { StreamSummary.class, StreamSummary.Counts.class })
public record StreamSummary(Counts summary) {

    public record Counts(long acked, long failed, String reason) {
    }
}
