package io.producergateway.ingest.v3;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.stream.RecordSplitter;
import io.producergateway.ingest.stream.StreamBreak;
import io.producergateway.ingest.stream.StreamFormat;
import io.producergateway.ingest.stream.StreamSummary;
import io.smallrye.mutiny.Uni;

/**
 * REST Proxy v3's streaming mode: records as concatenated JSON, answered with one report per record (each followed by
 * a newline), in order, each with its own error_code. No summary: a stream that ends because it was silent or open
 * too long ends with a 408 report saying so.
 */
final class V3StreamFormat implements StreamFormat<V3Record> {

    private final V3RecordReader reader;
    private final SchemaEncoding encoding;
    private final V3Answers answers;
    private final RecordSplitter splitter;
    private final GatewayConfig.Stream config;
    private final String clusterId;
    private final String topic;
    private final String priority;

    V3StreamFormat(V3RecordReader reader, SchemaEncoding encoding, V3Answers answers, RecordSplitter splitter,
            GatewayConfig.Stream config, String clusterId, String topic, String priority) {
        this.reader = reader;
        this.encoding = encoding;
        this.topic = topic;
        this.answers = answers;
        this.splitter = splitter;
        this.config = config;
        this.clusterId = clusterId;
        this.priority = priority;
    }

    @Override
    public String contentType() {
        return MediaType.APPLICATION_JSON;
    }

    @Override
    public RecordSplitter splitter() {
        return splitter;
    }

    @Override
    public V3Record read(byte[] record, int index) {
        return reader.read(record, index, priority);
    }

    @Override
    public Uni<V3Record> prepare(V3Record record) {
        if (record.draft().plain() && !encoding.governed(topic)) {
            return null;
        }
        return encoding.encode(topic, List.of(record.draft())).map(record::encoded);
    }

    @Override
    public Event event(V3Record record) {
        return record.event();
    }

    @Override
    public byte[] delivered(V3Record record, Outcome outcome) {
        return answers.bytes(answers.delivered(clusterId, record, outcome));
    }

    @Override
    public byte[] refused(GatewayException refusal) {
        return answers.bytes(answers.refused(refusal));
    }

    @Override
    public byte[] broken(StreamBreak cause) {
        return answers.bytes(answers.refused(cause.problem()));
    }

    @Override
    public byte[] internal() {
        return answers.bytes(answers.internal());
    }

    @Override
    public byte[] ending(StreamSummary.Counts counts) {
        String why = switch (counts.reason()) {
            case "idle-timeout" -> "The stream sent no record for " + config.idleTimeout().toSeconds()
                    + " s (gateway.stream.idle-timeout)";
            case "max-duration" -> "The stream was open for " + config.maxDuration().toSeconds()
                    + " s (gateway.stream.max-duration)";
            default -> null;
        };
        return why == null ? null : answers.bytes(ErrorReport.of(ProblemType.REQUEST_TIMEOUT, why + "; it is closed "
                + "after " + (counts.acked() + counts.failed()) + " records (" + counts.failed() + " failed): send the "
                + "rest on a new stream"));
    }
}
