package io.producergateway.ingest.stream;

import java.util.List;

import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventReader;
import io.producergateway.ingest.EventResult;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.SchemaDraft;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.MediaTypes;
import io.producergateway.problem.Problem;
import io.producergateway.problem.ProblemAnswers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;

/**
 * Our streams: one event object of our API per line, answered with one line per event (a result, or a problem for
 * that line only) and a summary line at the end. A WebSocket stream reads and answers its messages alike, one event
 * per message, the splitter aside.
 */
final class NdjsonFormat implements StreamFormat<SchemaDraft>, RecordSplitter {

    private static final String LINE_TOO_LONG = "line-too-long";

    private final EventReader reader;
    private final SchemaEncoding encoding;
    private final Json json;
    private final ProblemAnswers problems;
    private final String topic;
    private final boolean governed;

    /** The format of one stream, to the topic. */
    NdjsonFormat(EventReader reader, SchemaEncoding encoding, Json json, ProblemAnswers problems, String topic) {
        this.reader = reader;
        this.encoding = encoding;
        this.json = json;
        this.problems = problems;
        this.topic = topic;
        this.governed = encoding.governed(topic);
    }

    @Override
    public String contentType() {
        return MediaTypes.NDJSON;
    }

    @Override
    public RecordSplitter splitter() {
        return this;
    }

    @Override
    public ReadStream<Buffer> split(ReadStream<Buffer> request, int maxRecordBytes) {
        // The parser reads the request itself: paused, it hands over no further line, even of a buffer it holds.
        return RecordParser.newDelimited("\n", request).maxRecordSize(maxRecordBytes);
    }

    /** The parser fails only on a line longer than its maximum. */
    @Override
    public StreamBreak broken(Throwable failure, int maxRecordBytes) {
        return new StreamBreak(LINE_TOO_LONG, new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "A line is longer "
                + "than " + maxRecordBytes + " bytes (gateway.stream.max-line-bytes); the stream ends here"));
    }

    @Override
    public SchemaDraft read(byte[] record, int index) {
        return reader.readOne(record, index, governed);
    }

    @Override
    public Uni<SchemaDraft> prepare(SchemaDraft record) {
        if (record.plain() && !governed) {
            return null;
        }
        return encoding.encode(topic, List.of(record)).map(encoded -> new SchemaDraft(record.index(),
                encoded.events().get(0), null, null, null, null));
    }

    @Override
    public Event event(SchemaDraft record) {
        return record.event();
    }

    @Override
    public byte[] delivered(SchemaDraft record, Outcome outcome) {
        if (outcome.succeeded()) {
            return json.write(EventResult.of(outcome, false));
        }
        return problems.bytes(Problem.of(outcome.error(), outcome.errorDetail()));
    }

    @Override
    public byte[] refused(GatewayException refusal) {
        return problems.refusal(refusal);
    }

    /** Not counted as a rejected event: the line was never read. */
    @Override
    public byte[] broken(StreamBreak cause) {
        return problems.bytes(Problem.of(cause.problem().type(), cause.problem().getMessage()));
    }

    @Override
    public byte[] internal() {
        return problems.internalRefusal();
    }

    @Override
    public byte[] ending(StreamSummary.Counts counts) {
        return json.write(new StreamSummary(counts));
    }
}
