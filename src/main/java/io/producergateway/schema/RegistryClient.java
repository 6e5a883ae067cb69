package io.producergateway.schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;

/**
 * Confluent's Schema Registry REST API, as Confluent, Apicurio 3 ({@code /apis/ccompat/v7}), Karapace and Redpanda
 * serve it, over the JDK's HTTP client: every call asynchronous, bounded by gateway.schema-registry.timeout, and
 * failing with a {@link GatewayException} ({@link RegistryFailures}).
 */
final class RegistryClient {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The HTTP client's own timeouts end a call first; this also bounds reading a slow body. */
    private static final Duration GRACE = Duration.ofMillis(250);

    /** One schema as the registry keeps it. */
    record RegistrySchema(int id, SchemaType type, String text) {
    }

    private final RegistrySettings settings;
    private final String base;
    private final HttpClient http;
    private final ObjectMapper json;
    private final RegistryFailures failures;

    RegistryClient(RegistrySettings settings, ObjectMapper json, Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).executor(executor);
        settings.ssl().ifPresent(builder::sslContext);
        this.http = builder.build();
        this.settings = settings;
        this.base = settings.url().toString().replaceAll("/+$", "");
        this.json = json;
        this.failures = new RegistryFailures(settings);
    }

    /** The registry's base URL, as configured (it holds no credentials). */
    URI url() {
        return settings.url();
    }

    /** {@code GET /schemas/ids/{id}}. */
    Uni<RegistrySchema> schema(int id) {
        return get("/schemas/ids/" + id, "The schema registry has no schema with id " + id)
                .map(answer -> schema(answer, id, "The schema with id " + id));
    }

    /** {@code GET /subjects/{subject}/versions/{version}}, the version a number or {@code latest}. */
    Uni<RegistrySchema> version(String subject, String version) {
        String notFound = "The schema registry has no subject '" + subject + "'"
                + (version.equals("latest") ? "" : ", or no version " + version + " of it");
        return get(subjectPath(subject) + "/versions/" + version, notFound)
                .map(answer -> schema(answer, id(answer), "Version " + version + " of subject '" + subject + "'"));
    }

    /** {@code POST /subjects/{subject}/versions}: the id of the schema, registered if the subject lacks it. */
    Uni<Integer> register(String subject, SchemaType type, String text) {
        return post(subjectPath(subject) + "/versions", type, text,
                "The schema registry has no subject '" + subject + "'").map(this::id);
    }

    /** {@code POST /subjects/{subject}}: the id of the schema under the subject, never registering it. */
    Uni<Integer> lookup(String subject, SchemaType type, String text) {
        return post(subjectPath(subject), type, text, "Subject '" + subject + "' of the schema registry does not "
                + "have this schema, and the gateway does not register schemas (gateway.schemas.auto-register)")
                .map(this::id);
    }

    /** {@code GET /schemas/types}: a small answer that any registry of this API gives when it works. */
    Uni<Void> ping() {
        return get("/schemas/types", "The schema registry has no /schemas/types").replaceWithVoid();
    }

    private Uni<JsonNode> get(String path, String notFound) {
        return send(request(path).GET(), notFound);
    }

    private Uni<JsonNode> post(String path, SchemaType type, String text, String notFound) {
        ObjectNode body = json.createObjectNode().put("schema", text).put("schemaType", type.name());
        return send(request(path).header("Content-Type", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8))),
                notFound);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(settings.timeout())
                .header("Accept", MEDIA_TYPE);
        settings.authorization().ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private Uni<JsonNode> send(HttpRequest.Builder request, String notFound) {
        return Uni.createFrom().deferred(() -> {
            GatewayException down = failures.knownDown();
            if (down != null) {
                return Uni.createFrom().failure(down);
            }
            HttpRequest built = request.build();
            return Uni.createFrom().completionStage(() -> http.sendAsync(built, info -> new BoundedBody()))
                    .ifNoItem().after(settings.timeout().plus(GRACE)).failWith(TimeoutException::new)
                    .onFailure(RegistryClient::noAnswer).transform(f -> failures.unreachable(cause(f)))
                    .map(response -> answer(response, notFound));
        });
    }

    private JsonNode answer(HttpResponse<byte[]> response, String notFound) {
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = json.missingNode();
        }
        if (response.statusCode() / 100 != 2) {
            throw failures.refused(response.statusCode(), body, notFound);
        }
        if (!body.isObject() && !body.isArray()) {
            throw failures.unreadable();
        }
        failures.answered();
        return body;
    }

    private RegistrySchema schema(JsonNode answer, int id, String what) {
        JsonNode text = answer.path("schema");
        if (!text.isTextual()) {
            throw failures.unreadable();
        }
        String type = answer.path("schemaType").asText("");
        if (type.isEmpty()) {
            return new RegistrySchema(id, SchemaType.AVRO, text.asText());
        }
        return Arrays.stream(SchemaType.values()).filter(t -> t.name().equals(type)).findFirst()
                .map(t -> new RegistrySchema(id, t, text.asText()))
                .orElseThrow(() -> new GatewayException(ProblemType.INVALID_SCHEMA, what + " is of type " + type
                        + ", which the gateway does not write (AVRO, JSON, PROTOBUF)"));
    }

    private int id(JsonNode answer) {
        if (!answer.path("id").canConvertToInt()) {
            throw failures.unreadable();
        }
        return answer.path("id").asInt();
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean noAnswer(Throwable failure) {
        Throwable cause = cause(failure);
        return cause instanceof IOException || cause instanceof TimeoutException;
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
