package io.producergateway.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.producergateway.config.GatewayConfig;
import io.producergateway.observability.GatewayMetrics;
import io.producergateway.pipeline.Outcome;

/**
 * Builds every answer of the API, so that status, content type, Retry-After and the problem body follow one rule:
 * the status tells the truth about the most severe failure, and the body still tells what became of each event.
 */
@ApplicationScoped
public class Answers {

    private final Json json;
    private final GatewayMetrics metrics;
    private final int retryAfterSeconds;

    public Answers(Json json, GatewayMetrics metrics, GatewayConfig config) {
        this.json = json;
        this.metrics = metrics;
        this.retryAfterSeconds = config.delivery().retryAfterSeconds();
    }

    /** Our API: a single result or an array of them; a problem listing every event when any failed. */
    public Response events(List<Outcome> outcomes, boolean single, boolean async) {
        List<EventResult> results = outcomes.stream().map(o -> EventResult.of(o, async)).toList();
        ProblemType worst = worst(outcomes);
        if (worst != null) {
            Outcome failed = outcomes.stream().filter(o -> o.error() == worst).findFirst().orElseThrow();
            Problem problem = Problem.of(worst, single ? failed.errorDetail()
                    : failures(outcomes) + " of " + outcomes.size() + " events failed; see events");
            return problem(worst, single ? problem : problem.withEvents(results));
        }
        Response.ResponseBuilder answer = Response.status(async ? 202 : 200);
        if (async) {
            answer.header("Preference-Applied", "respond-async");
        }
        return answer.entity(json.write(single ? results.get(0) : results)).type("application/json").build();
    }

    /** REST Proxy v2: the offsets body whatever happened, with the status of the most severe failure. */
    public Response restProxy(List<Outcome> outcomes, boolean async) {
        ProblemType worst = worst(outcomes);
        int status = worst != null ? worst.status() : async ? 202 : 200;
        Response.ResponseBuilder answer = Response.status(status)
                .entity(json.write(RestProxyOffsets.of(outcomes, async))).type(RestProxyOffsets.MEDIA_TYPE);
        if (worst != null && worst.retriable()) {
            answer.header("Retry-After", retryAfterSeconds);
        }
        return answer.build();
    }

    /** A refused request: nothing of it was sent. Counted as rejected events. */
    public Response problem(GatewayException e) {
        metrics.rejected(e.type(), e.events());
        return problem(e.type(), Problem.of(e));
    }

    /** The same answer on a plain Vert.x response (the stream route and the authentication guard). */
    public void send(io.vertx.core.http.HttpServerResponse response, GatewayException e) {
        Response answer = problem(e);
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.putHeader(name, String.valueOf(v))));
        response.setStatusCode(answer.getStatus()).end(io.vertx.core.buffer.Buffer.buffer((byte[]) answer.getEntity()));
    }

    public Response problem(ProblemType type, String detail) {
        return problem(type, Problem.of(type, detail));
    }

    private Response problem(ProblemType type, Problem body) {
        Response.ResponseBuilder answer = Response.status(type.status()).entity(json.write(body)).type(Problem.MEDIA_TYPE);
        if (type.retriable()) {
            answer.header("Retry-After", retryAfterSeconds);
        }
        return answer.build();
    }

    /** The failure with the highest status; null when every event succeeded. */
    private static ProblemType worst(List<Outcome> outcomes) {
        ProblemType worst = null;
        for (Outcome outcome : outcomes) {
            if (!outcome.succeeded() && (worst == null || outcome.error().status() > worst.status())) {
                worst = outcome.error();
            }
        }
        return worst;
    }

    private static long failures(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> !o.succeeded()).count();
    }
}
