package io.producergateway.ingest.restproxy;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.MediaTypes;

/**
 * The REST Proxy v2 answer: the offsets body whatever happened at Kafka, with the status of the most severe failure
 * (REST Proxy itself answers 200 with error codes inside; we tell the truth in the status too).
 */
@Singleton
class RestProxyAnswers {

    private final Json json;
    private final int retryAfterSeconds;

    RestProxyAnswers(Json json, GatewayConfig config) {
        this.json = json;
        this.retryAfterSeconds = config.delivery().retryAfterSeconds();
    }

    /** @param keySchemaId the id of the schema the keys were written with, or null (valueSchemaId likewise) */
    Response offsets(List<Outcome> outcomes, boolean async, Integer keySchemaId, Integer valueSchemaId) {
        ProblemType worst = Outcome.worst(outcomes);
        int status = worst != null ? worst.status() : async ? 202 : 200;
        Response.ResponseBuilder answer = Response.status(status)
                .entity(json.write(RestProxyOffsets.of(outcomes, async, keySchemaId, valueSchemaId))).type(MediaTypes.V2);
        if (worst != null && worst.retriable()) {
            answer.header("Retry-After", retryAfterSeconds);
        }
        return answer.build();
    }
}
