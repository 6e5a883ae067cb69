package io.producergateway.ingest.stream;

import io.producergateway.ingest.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Cuts a stream's request into records as its bytes arrive: into lines (NDJSON) or into concatenated JSON values
 * (REST Proxy v3, {@link JsonValueStream}).
 */
public interface RecordSplitter {

    /**
     * The records of the request. The stream it returns reads the request itself and hands over no record while it is
     * paused, not even one of a piece of the request it already holds, so pausing it is the stream's backpressure.
     *
     * @param maxRecordBytes the longest record; a longer one ends the stream
     */
    ReadStream<Buffer> split(ReadStream<Buffer> request, int maxRecordBytes);

    /** What a failure of the records' stream means: why the stream ends, and the problem answered for it. */
    StreamBreak broken(Throwable failure, int maxRecordBytes);

    /**
     * Concatenated JSON: each top-level JSON value is a record, whatever whitespace (or none) is between them
     * ({@link JsonValues}). A syntax error or a record longer than the maximum ends the stream.
     */
    static RecordSplitter concatenatedJson(Json json) {
        return new RecordSplitter() {
            @Override
            public ReadStream<Buffer> split(ReadStream<Buffer> request, int maxRecordBytes) {
                return new JsonValueStream(request, new JsonValues(json.nonBlockingParser(), maxRecordBytes,
                        "gateway.stream.max-line-bytes"));
            }

            /** {@link JsonValueStream} fails with a {@link StreamBreak} only. */
            @Override
            public StreamBreak broken(Throwable failure, int maxRecordBytes) {
                return (StreamBreak) failure;
            }
        };
    }
}
