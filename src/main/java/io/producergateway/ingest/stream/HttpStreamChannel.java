package io.producergateway.ingest.stream;

import io.producergateway.event.GatewayException;
import io.producergateway.ingest.BodyInflater;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

/**
 * A stream over one HTTP exchange: the request's body (inflated first when it is compressed), cut into records by
 * its format's {@link RecordSplitter}, answered 200 with a chunked body of the format's content type, each answer
 * followed by a newline.
 */
final class HttpStreamChannel implements StreamChannel {

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final StreamFormat<?> format;
    private final BodyInflater inflater;

    /** {@code inflater}: null for a body that is not compressed; ended by the caller when the request is. */
    HttpStreamChannel(HttpServerRequest request, HttpServerResponse response, StreamFormat<?> format,
            BodyInflater inflater) {
        this.request = request;
        this.response = response;
        this.format = format;
        this.inflater = inflater;
    }

    @Override
    public ReadStream<Buffer> open(int maxRecordBytes) {
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", format.contentType());
        ReadStream<Buffer> body = inflater == null ? request : new InflatingStream(request, inflater);
        return format.splitter().split(body, maxRecordBytes);
    }

    @Override
    public StreamBreak broken(Throwable failure, int maxRecordBytes) {
        return failure instanceof GatewayException notInflatable // a compressed body that is not what it claims
                ? new StreamBreak("malformed-body", notInflatable)
                : format.splitter().broken(failure, maxRecordBytes);
    }

    /** In place of the splitter's, which reports a failure of the records. */
    @Override
    public void failureHandler(Handler<Throwable> handler) {
        request.exceptionHandler(handler);
    }

    @Override
    public void closeHandler(Handler<Void> handler) {
        response.closeHandler(handler);
    }

    @Override
    public void drainHandler(Handler<Void> handler) {
        response.drainHandler(handler);
    }

    @Override
    public boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    public void write(byte[] answer) {
        response.write(Buffer.buffer(answer).appendByte((byte) '\n'));
    }

    @Override
    public void end(byte[] ending, String reason) {
        response.end(ending == null ? Buffer.buffer() : Buffer.buffer(ending).appendByte((byte) '\n'));
    }
}
