package io.producergateway.ingest.v3;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventFields;
import io.producergateway.ingest.Json;
import io.producergateway.observability.GatewayMetrics;
import io.vertx.core.buffer.Buffer;

/**
 * REST Proxy v3's answers: a report per record ({@link V3Report}), alone with its own status when the request
 * carried one record, or one per line with 200 when it carried several.
 */
@ApplicationScoped
class V3Answers {

    private static final Logger LOG = Logger.getLogger(V3Answers.class);
    private static final String INTERNAL_DETAIL = "The record could not be processed";

    private final Json json;
    private final GatewayMetrics metrics;
    private final int retryAfterSeconds;

    V3Answers(Json json, GatewayMetrics metrics, GatewayConfig config) {
        this.json = json;
        this.metrics = metrics;
        this.retryAfterSeconds = config.delivery().retryAfterSeconds();
    }

    /** What became of a record the pipeline took: its delivery report, or its error at Kafka. */
    V3Report delivered(String clusterId, V3Record record, Outcome outcome) {
        return outcome.succeeded() ? DeliveryReport.of(clusterId, record, outcome)
                : ErrorReport.of(outcome.error(), outcome.errorDetail());
    }

    /** A record refused before anything of it was sent; counted as a rejected event. */
    ErrorReport refused(GatewayException e) {
        metrics.rejected(e.type(), 1);
        return ErrorReport.of(e);
    }

    /** A record the pipeline failed to take: refused, or a bug (logged, answered without its cause). */
    ErrorReport failed(Throwable failure) {
        if (failure instanceof GatewayException e) {
            return refused(e);
        }
        LOG.error("Unexpected failure producing a REST Proxy v3 record", failure);
        return internal();
    }

    ErrorReport internal() {
        metrics.rejected(ProblemType.INTERNAL, 1);
        return ErrorReport.of(ProblemType.INTERNAL, INTERNAL_DETAIL);
    }

    byte[] bytes(V3Report report) {
        return json.write(report);
    }

    /**
     * The answer to a request that was not streamed: one record is answered with its report and the status it tells
     * (with Retry-After when retriable); several, with 200 and one report per line, in request order.
     */
    Response answer(List<V3Report> reports) {
        if (reports.size() == 1) {
            V3Report report = reports.get(0);
            Response.ResponseBuilder answer = Response.status(report.httpStatus()).entity(bytes(report))
                    .type(MediaType.APPLICATION_JSON);
            if (report instanceof ErrorReport error && error.retriable()) {
                answer.header("Retry-After", retryAfterSeconds);
            }
            return answer.build();
        }
        Buffer body = Buffer.buffer();
        reports.forEach(report -> body.appendBytes(bytes(report)).appendByte((byte) '\n'));
        return Response.ok(body.getBytes(), MediaType.APPLICATION_JSON).build();
    }

    /** The path names another cluster than the one the gateway produces to. */
    static GatewayException unknownCluster(String asked, String actual) {
        return new GatewayException(ProblemType.UNKNOWN_CLUSTER, "Cluster " + EventFields.shown(asked)
                + " is not the Kafka cluster this gateway produces to: " + actual);
    }
}
