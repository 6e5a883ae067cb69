package io.producergateway.ingest.v3;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Delivery;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.DeliveryRequest;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.stream.JsonValues;
import io.producergateway.ingest.stream.StreamBreak;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.security.Quotas;
import io.smallrye.mutiny.Uni;

/**
 * A REST Proxy v3 produce request whose body came whole (with a Content-Length): one record, or several concatenated.
 * Each record is produced on its own, in request order, and fails only itself. What concerns the whole request (the
 * X-Delivery profile, the cluster, the caller's quota, an empty body, more records than
 * gateway.ingest.max-events-per-request) is refused as a problem before any record is sent.
 */
@ApplicationScoped
class V3Produce {

    private static final String RECORD_LIMIT = "gateway.stream.max-line-bytes";

    private final V3RecordReader reader;
    private final SchemaEncoding encoding;
    private final V3Answers answers;
    private final ProducePipeline pipeline;
    private final DeliveryRequest deliveries;
    private final Quotas quotas;
    private final Json json;
    private final int maxRecords;
    private final int maxRecordBytes;

    V3Produce(V3RecordReader reader, SchemaEncoding encoding, V3Answers answers, ProducePipeline pipeline,
            DeliveryRequest deliveries, Quotas quotas, Json json, GatewayConfig config) {
        this.reader = reader;
        this.encoding = encoding;
        this.answers = answers;
        this.pipeline = pipeline;
        this.deliveries = deliveries;
        this.quotas = quotas;
        this.json = json;
        this.maxRecords = config.ingest().maxEventsPerRequest();
        this.maxRecordBytes = config.stream().maxLineBytes();
    }

    Uni<Response> produce(String clusterId, String topic, String priority, String profile, byte[] body,
            String principal) {
        Delivery delivery = deliveries.resolve(profile, false, false);
        List<byte[]> records = new ArrayList<>();
        StreamBreak broken = null;
        JsonValues values = new JsonValues(json.nonBlockingParser(), maxRecordBytes, RECORD_LIMIT);
        try {
            values.feed(body, records::add);
            values.end(records::add);
        } catch (StreamBreak cause) {
            broken = cause; // answered after the records before it, as a stream would
        }
        if (records.isEmpty() && broken == null) {
            throw new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body is empty: send a record, or "
                    + "several concatenated");
        }
        if (records.size() > maxRecords) {
            throw new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "A request carries at most " + maxRecords
                    + " records (gateway.ingest.max-events-per-request); this one has " + records.size()
                    + ": send more as a stream (Transfer-Encoding: chunked)", List.of(), records.size());
        }
        StreamBreak last = broken;
        return pipeline.clusterId().chain(id -> {
            if (!id.equals(clusterId)) {
                throw V3Answers.unknownCluster(clusterId, id).forEvents(records.size());
            }
            quotas.charge(principal, records.size(), body.length);
            // Every record is read and written with its schema first; then each is handed to the producer as it is
            // subscribed to: in order.
            Uni<List<Prepared>> prepared = records.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(prepared(topic, records, priority)).andFailFast();
            return pipeline.lookUp(topic).chain(() -> prepared).chain(ready -> Uni.join().all(reports(id, topic, ready, last, delivery))
                            .andFailFast());
        }).map(answers::answer);
    }

    /** A record ready to produce, or the report of why it is not. */
    private record Prepared(V3Record record, V3Report refusal) {
    }

    private List<Uni<Prepared>> prepared(String topic, List<byte[]> records, String priority) {
        boolean governed = encoding.governed(topic);
        List<Uni<Prepared>> prepared = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            V3Record record;
            try {
                record = reader.read(records.get(i), i, priority);
            } catch (GatewayException e) {
                prepared.add(Uni.createFrom().item(new Prepared(null, answers.refused(e))));
                continue;
            }
            prepared.add(!governed && record.draft().plain() ? Uni.createFrom().item(new Prepared(record, null))
                    : encoding.encode(topic, List.of(record.draft())).map(e -> new Prepared(record.encoded(e), null))
                            .onFailure(GatewayException.class).recoverWithItem(
                                    e -> new Prepared(null, answers.refused((GatewayException) e))));
        }
        return prepared;
    }

    private List<Uni<V3Report>> reports(String clusterId, String topic, List<Prepared> records, StreamBreak broken,
            Delivery delivery) {
        List<Uni<V3Report>> reports = new ArrayList<>(records.size() + 1);
        for (Prepared prepared : records) {
            reports.add(prepared.refusal() != null ? Uni.createFrom().item(prepared.refusal())
                    : report(clusterId, topic, prepared.record(), delivery));
        }
        if (broken != null) {
            reports.add(Uni.createFrom().<V3Report> item(answers.refused(broken.problem())));
        }
        return reports;
    }

    private Uni<V3Report> report(String clusterId, String topic, V3Record record, Delivery delivery) {
        return pipeline.produce(topic, List.of(record.event()), delivery)
                .map(outcomes -> answers.delivered(clusterId, record, outcomes.get(0)))
                .onFailure().recoverWithItem(answers::failed);
    }
}
