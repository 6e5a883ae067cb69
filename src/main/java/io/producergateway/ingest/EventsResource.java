package io.producergateway.ingest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.producergateway.pipeline.ProducePipeline;
import io.smallrye.mutiny.Uni;

/** Our own produce API: {@code POST /v1/topics/{topic}/events} with one event object or an array of them. */
@Path("/v1/topics/{topic}/events")
public class EventsResource {

    private final EventReader reader;
    private final ProducePipeline pipeline;
    private final Answers answers;

    public EventsResource(EventReader reader, ProducePipeline pipeline, Answers answers) {
        this.reader = reader;
        this.pipeline = pipeline;
        this.answers = answers;
    }

    /**
     * Answers 200 with where each event landed once Kafka has acknowledged all of them, or 202 at once with
     * {@code Prefer: respond-async}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> produce(@RestPath String topic, @RestHeader("Prefer") String prefer, byte[] body) {
        EventReader.Batch batch = reader.read(body);
        boolean async = prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async");
        return pipeline.produce(topic, batch.events(), async)
                .map(outcomes -> answers.events(outcomes, batch.single(), async));
    }
}
