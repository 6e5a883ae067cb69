package io.producergateway.ingest.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Delivery;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.DeliveryRequest;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.SchemaEncoding;
import io.producergateway.ingest.RequestGuard;
import io.producergateway.ingest.stream.RecordSplitter;
import io.producergateway.ingest.stream.Streams;
import io.producergateway.pipeline.ProducePipeline;
import io.producergateway.problem.ProblemAnswers;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * REST Proxy v3's streaming mode: {@code POST [/kafka]/v3/clusters/{cluster_id}/topics/{topic_name}/records} with a
 * body sent without a length (chunked), records as concatenated JSON for as long as the connection is open. Answered
 * 200 at once, then one report per record, in order, as Kafka acknowledges each ({@link V3StreamFormat}), with the
 * backpressure, timeouts and quotas of every stream ({@link Streams}). A request with a Content-Length falls through
 * to {@link V3RecordsResource}.
 */
@ApplicationScoped
public class V3StreamRoute {

    static final String PATH = "/v3/clusters/:cluster_id/topics/:topic_name/records";

    private final V3RecordReader reader;
    private final SchemaEncoding encoding;
    private final V3Answers answers;
    private final RecordSplitter splitter;
    private final GatewayConfig.Stream config;
    private final Streams streams;
    private final ProducePipeline pipeline;
    private final DeliveryRequest deliveries;
    private final ProblemAnswers problems;

    V3StreamRoute(V3RecordReader reader, SchemaEncoding encoding, V3Answers answers, Json json, GatewayConfig config,
            Streams streams, ProducePipeline pipeline, DeliveryRequest deliveries, ProblemAnswers problems) {
        this.reader = reader;
        this.encoding = encoding;
        this.answers = answers;
        this.splitter = RecordSplitter.concatenatedJson(json);
        this.config = config.stream();
        this.streams = streams;
        this.pipeline = pipeline;
        this.deliveries = deliveries;
        this.problems = problems;
    }

    void register(@Observes Router router) {
        // Ahead of the REST routes, like our NDJSON streams; other content types fall through to them (415).
        for (String prefix : new String[] { "", "/kafka" }) {
            router.post(prefix + PATH).order(-100).consumes(MediaType.APPLICATION_JSON).handler(this::open);
        }
    }

    private void open(RoutingContext context) {
        if (!RequestGuard.isV3Stream(context.request())) {
            context.next();
            return;
        }
        Delivery delivery;
        try {
            delivery = deliveries.resolve(context.request().getHeader("X-Delivery"), false, false);
        } catch (GatewayException e) {
            refuse(context, e);
            return;
        }
        String clusterId = context.pathParam("cluster_id");
        String topic = context.pathParam("topic_name");
        String priority = context.request().getHeader("X-Priority");
        // Nothing of the body may arrive unread while the cluster's id is asked: the stream resumes the request.
        context.request().pause();
        Context loop = Vertx.currentContext();
        pipeline.clusterId().subscribe().with(id -> loop.runOnContext(v -> {
            if (context.response().closed()) {
                return; // the client went away meanwhile
            }
            if (id.equals(clusterId)) {
                streams.open(context, topic, delivery, new V3StreamFormat(reader, encoding, answers, splitter, config,
                        id, topic, priority));
            } else {
                refuse(context, V3Answers.unknownCluster(clusterId, id));
            }
        }), failure -> loop.runOnContext(v -> refuse(context, failure instanceof GatewayException e ? e
                : new GatewayException(ProblemType.BROKER_UNAVAILABLE, "The Kafka cluster did not say its id"))));
    }

    /** Refused before the stream opened, body unread: the connection is closed after the answer. */
    private void refuse(RoutingContext context, GatewayException e) {
        if (context.response().closed()) {
            return;
        }
        context.response().putHeader("Connection", "close");
        problems.send(context, e);
        context.request().resume();
    }
}
