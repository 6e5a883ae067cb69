package io.producergateway.ingest.stream;

import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.smallrye.mutiny.Uni;

/**
 * What one kind of stream is built with: how its request is cut into records, how a record becomes an event, and how
 * each record and the stream's end are answered. {@link EventStream} does the rest (order, backpressure, timeouts,
 * quotas), the same for every kind: our NDJSON streams ({@link NdjsonFormat}) and REST Proxy v3's concatenated JSON.
 *
 * @param <R> a record as read, with whatever its answer needs besides the outcome
 */
public interface StreamFormat<R> {

    /** The answer's Content-Type. */
    String contentType();

    /** How the request is cut into records. */
    RecordSplitter splitter();

    /**
     * Reads one record of the stream.
     *
     * @param index the record's position in the stream, from 0
     * @throws GatewayException when the record cannot be produced: it is answered with {@link #refused}, alone
     */
    R read(byte[] record, int index);

    /**
     * The record as it is produced, when something must be asked first (a schema from the registry): the stream
     * stops reading until it is known, so that records still reach the producer in order. Null when the record is
     * ready as read.
     *
     * @return fails with a {@link GatewayException} when the record cannot be produced (answered with
     *         {@link #refused})
     */
    default Uni<R> prepare(R record) {
        return null;
    }

    /** The event the pipeline produces for the record. */
    Event event(R record);

    /** The answer to a record Kafka acknowledged, or that failed at Kafka, as JSON text. */
    byte[] delivered(R record, Outcome outcome);

    /** The answer to a record refused before anything of it was sent, as JSON text (counted as rejected). */
    byte[] refused(GatewayException refusal);

    /** The answer to the record at which the request could not be cut further ({@link StreamBreak}). */
    byte[] broken(StreamBreak cause);

    /** The answer to a record that met a bug, as JSON text (counted as an internal error). */
    byte[] internal();

    /** What the stream writes last, once every record is answered: JSON text, or null for nothing. */
    byte[] ending(StreamSummary.Counts counts);
}
