package io.producergateway.ingest.v1;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventResult;
import io.producergateway.ingest.Json;
import io.producergateway.problem.Problem;
import io.producergateway.problem.ProblemAnswers;

/**
 * Our API's answer: a single result for an object, an array of them for an array; when any event failed, a problem
 * with the status of the most severe failure that still tells what became of each event. The CloudEvents endpoint
 * answers alike (an object in binary and structured mode, an array in batch mode).
 */
@Singleton
public class EventsAnswers {

    private final Json json;
    private final ProblemAnswers problems;

    public EventsAnswers(Json json, ProblemAnswers problems) {
        this.json = json;
        this.problems = problems;
    }

    public Response events(List<Outcome> outcomes, boolean single, boolean async) {
        List<EventResult> results = outcomes.stream().map(o -> EventResult.of(o, async)).toList();
        ProblemType worst = Outcome.worst(outcomes);
        if (worst != null) {
            if (single) {
                return problems.answer(Problem.of(worst, outcomes.get(0).errorDetail()));
            }
            long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
            return problems.answer(Problem.of(worst, failed + " of " + outcomes.size() + " events failed; see events")
                    .withEvents(results));
        }
        Response.ResponseBuilder answer = Response.status(async ? 202 : 200);
        if (async) {
            answer.header("Preference-Applied", "respond-async");
        }
        return answer.entity(json.write(single ? results.get(0) : results)).type(MediaType.APPLICATION_JSON).build();
    }
}
