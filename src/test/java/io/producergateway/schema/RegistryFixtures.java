package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** What the tests of the registry client and its caches share: a client of a real registry, Avro texts, subjects. */
final class RegistryFixtures {

    static final Duration WAIT = Duration.ofSeconds(15);

    private RegistryFixtures() {
    }

    /** The caches over a client of the registry at {@code url}, parsing nothing ({@link TextSchema}). */
    static CachingRegistry registry(String url, boolean autoRegister, Duration timeout, Duration latestTtl) {
        RegistrySettings settings = new RegistrySettings(URI.create(url), Optional.empty(), Optional.empty(),
                timeout, 7);
        RegistryClient client = new RegistryClient(settings, new ObjectMapper(), Infrastructure.getDefaultExecutor());
        return new CachingRegistry(client, TextSchema::parse, autoRegister, 100, latestTtl);
    }

    /** A subject no other test uses. */
    static String subject(String name) {
        return name + "-" + UUID.randomUUID() + "-value";
    }

    /** An Avro record of string fields (Apicurio sniffs minimal JSON Schemas, never Avro). */
    static TextSchema avro(String record, String... fields) {
        return TextSchema.parse(SchemaType.AVRO, "{\"type\":\"record\",\"name\":\"" + record
                + "\",\"namespace\":\"shop\",\"fields\":[" + Arrays.stream(fields)
                        .map(f -> "{\"name\":\"" + f + "\",\"type\":\"string\"}").collect(Collectors.joining(","))
                + "]}");
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    /** The refusal a call ends with, of the expected type. */
    static GatewayException failure(ProblemType expected, Uni<?> uni) {
        GatewayException failure = assertThrows(GatewayException.class, () -> uni.await().atMost(WAIT));
        assertEquals(expected, failure.type(), failure.getMessage());
        return failure;
    }

    /** Sets a subject's compatibility level through the registry's own API ({@code PUT /config/{subject}}). */
    static void compatibility(String url, String subject, String level) throws IOException, InterruptedException {
        HttpRequest put = HttpRequest.newBuilder(URI.create(url + "/config/" + subject))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
