package io.producergateway.ingest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.producergateway.ingest.RestProxyReader.Format;
import io.producergateway.pipeline.ProducePipeline;
import io.smallrye.mutiny.Uni;

/**
 * The produce API of Confluent REST Proxy v2, the Strimzi Kafka Bridge and Redpanda's HTTP proxy:
 * {@code POST /topics/{topic}}. Unlike them, the status is 200 only when every record was acknowledged.
 */
@Path("/topics/{topic}")
public class RestProxyResource {

    public static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    public static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";

    private final RestProxyReader reader;
    private final ProducePipeline pipeline;
    private final Answers answers;

    public RestProxyResource(RestProxyReader reader, ProducePipeline pipeline, Answers answers) {
        this.reader = reader;
        this.pipeline = pipeline;
        this.answers = answers;
    }

    @POST
    @Consumes(JSON_V2)
    public Uni<Response> produceJson(@RestPath String topic, @RestQuery boolean async,
            @RestHeader("X-Priority") String priority, byte[] body) {
        return produce(topic, Format.JSON, async, priority, body);
    }

    @POST
    @Consumes(BINARY_V2)
    public Uni<Response> produceBinary(@RestPath String topic, @RestQuery boolean async,
            @RestHeader("X-Priority") String priority, byte[] body) {
        return produce(topic, Format.BINARY, async, priority, body);
    }

    private Uni<Response> produce(String topic, Format format, boolean async, String priority, byte[] body) {
        return pipeline.produce(topic, reader.read(body, format, priority), async)
                .map(outcomes -> answers.restProxy(outcomes, async));
    }
}
