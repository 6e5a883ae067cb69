package io.producergateway.ingest;

import static io.producergateway.event.ProblemType.BROKER_UNAVAILABLE;
import static io.producergateway.event.ProblemType.DELIVERY_FAILED;
import static io.producergateway.event.ProblemType.FORBIDDEN;
import static io.producergateway.event.ProblemType.INTERNAL;
import static io.producergateway.event.ProblemType.INVALID_ENCODING;
import static io.producergateway.event.ProblemType.INVALID_EVENT;
import static io.producergateway.event.ProblemType.INVALID_FIELD;
import static io.producergateway.event.ProblemType.INVALID_HEADER;
import static io.producergateway.event.ProblemType.INVALID_SCHEMA;
import static io.producergateway.event.ProblemType.INVALID_TOPIC;
import static io.producergateway.event.ProblemType.MALFORMED_REQUEST;
import static io.producergateway.event.ProblemType.METHOD_NOT_ALLOWED;
import static io.producergateway.event.ProblemType.NOT_ACCEPTABLE;
import static io.producergateway.event.ProblemType.NOT_FOUND;
import static io.producergateway.event.ProblemType.OVERLOADED;
import static io.producergateway.event.ProblemType.PARTITION_OUT_OF_RANGE;
import static io.producergateway.event.ProblemType.PAYLOAD_TOO_LARGE;
import static io.producergateway.event.ProblemType.QUOTA_EXCEEDED;
import static io.producergateway.event.ProblemType.RECORD_TOO_LARGE;
import static io.producergateway.event.ProblemType.REQUEST_TIMEOUT;
import static io.producergateway.event.ProblemType.SCHEMA_INCOMPATIBLE;
import static io.producergateway.event.ProblemType.SCHEMA_MISMATCH;
import static io.producergateway.event.ProblemType.SCHEMA_NOT_SUPPORTED;
import static io.producergateway.event.ProblemType.SCHEMA_REGISTRY_UNAVAILABLE;
import static io.producergateway.event.ProblemType.SCHEMA_REQUIRED;
import static io.producergateway.event.ProblemType.SHUTTING_DOWN;
import static io.producergateway.event.ProblemType.TOO_MANY_STREAMS;
import static io.producergateway.event.ProblemType.UNAUTHORIZED;
import static io.producergateway.event.ProblemType.UNKNOWN_CLUSTER;
import static io.producergateway.event.ProblemType.UNKNOWN_PARTITION;
import static io.producergateway.event.ProblemType.UNKNOWN_SCHEMA;
import static io.producergateway.event.ProblemType.UNKNOWN_TOPIC;
import static io.producergateway.event.ProblemType.UNSUPPORTED_MEDIA_TYPE;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.ProblemType;
import io.producergateway.problem.Problem;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document at {@code /q/openapi} describes the produce APIs as they really answer: every status each
 * one can give and, for every error status, the problem types it carries. {@link #ENDPOINTS} is the list of what
 * each endpoint can answer (keep it with the resources' {@code @APIResponse} annotations and the README); a new
 * {@link ProblemType} fails this test until it is placed in that list and documented.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class OpenApiTest {

    /** What one produce endpoint can answer: its request content types, success statuses and problem types. */
    record Endpoint(String path, Set<Integer> successes, String successMediaType, String successSchema,
            Set<String> requestMediaTypes, String requestSchema, Set<String> parameters, Set<ProblemType> problems) {

        /** Every status the endpoint can give: the successes and the status of each problem type. */
        Set<Integer> statuses() {
            Set<Integer> statuses = new TreeSet<>(successes);
            problems.forEach(p -> statuses.add(p.status()));
            return statuses;
        }

        Set<ProblemType> problemsWithStatus(int status) {
            return problems.stream().filter(p -> p.status() == status)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProblemType.class)));
        }
    }

    /**
     * Problem types only the framework gives (no route, no such method, no authentication, a bug), never documented
     * per operation. Not shutting-down: the pipeline answers it to every produce request once SIGTERM came.
     */
    static final Set<ProblemType> FRAMEWORK_ONLY = EnumSet.of(NOT_FOUND, METHOD_NOT_ALLOWED,
            NOT_ACCEPTABLE, REQUEST_TIMEOUT, INTERNAL);

    /** CloudEvents' binary mode: the body is the event's data, of any content type. */
    private static final String CLOUD_EVENTS_BINARY = "*/*";

    /** Our API: what it can answer, the reference the document is checked against. */
    static final Endpoint EVENTS = new Endpoint("/v1/topics/{topic}/events", Set.of(200, 202), "application/json",
            "EventResult",
            Set.of("application/json"), "Event",
            Set.of("path:topic", "header:Prefer", "header:X-Delivery", "query:atomic"),
            EnumSet.of(MALFORMED_REQUEST, INVALID_EVENT, INVALID_TOPIC, UNKNOWN_TOPIC, PAYLOAD_TOO_LARGE,
                    RECORD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INVALID_FIELD, INVALID_HEADER, PARTITION_OUT_OF_RANGE,
                    SCHEMA_NOT_SUPPORTED, UNKNOWN_SCHEMA, INVALID_SCHEMA, SCHEMA_MISMATCH, DELIVERY_FAILED, OVERLOADED,
                    BROKER_UNAVAILABLE, SCHEMA_REGISTRY_UNAVAILABLE, SHUTTING_DOWN, UNAUTHORIZED, FORBIDDEN,
                    QUOTA_EXCEEDED));

    /** REST Proxy v2: what it can answer. */
    static final Endpoint REST_PROXY = new Endpoint("/topics/{topic}", Set.of(200, 202), MediaTypes.V2,
            "RestProxyOffsets", Set.of(MediaTypes.JSON_V2, MediaTypes.BINARY_V2, MediaTypes.TEXT_V2,
                    MediaTypes.AVRO_V2, MediaTypes.JSONSCHEMA_V2, MediaTypes.PROTOBUF_V2),
            "RestProxyProduceRequest", Set.of("path:topic", "query:async", "header:X-Priority", "header:X-Delivery"),
            // base64 (invalid-encoding) exists only in the REST Proxy body
            EnumSet.of(MALFORMED_REQUEST, INVALID_EVENT, INVALID_TOPIC, UNKNOWN_TOPIC, PAYLOAD_TOO_LARGE,
                    RECORD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INVALID_FIELD, INVALID_ENCODING, INVALID_HEADER,
                    PARTITION_OUT_OF_RANGE, SCHEMA_NOT_SUPPORTED, SCHEMA_REQUIRED, UNKNOWN_SCHEMA, INVALID_SCHEMA,
                    SCHEMA_MISMATCH, SCHEMA_INCOMPATIBLE, DELIVERY_FAILED, OVERLOADED, BROKER_UNAVAILABLE,
                    SCHEMA_REGISTRY_UNAVAILABLE, SHUTTING_DOWN, UNAUTHORIZED, FORBIDDEN, QUOTA_EXCEEDED));

    /**
     * REST Proxy v3: what it can answer, at /v3 and at Confluent Cloud's /kafka/v3. Its streams (a body without a
     * length) are the same operation, so too-many-streams is documented here.
     */
    static final Endpoint V3 = v3("/v3/clusters/{cluster_id}/topics/{topic_name}/records");
    static final Endpoint V3_CLOUD = v3("/kafka/v3/clusters/{cluster_id}/topics/{topic_name}/records");

    /** The CloudEvents binding: structured, batch, and binary mode (any other content type, ce-* headers). */
    static final Endpoint CLOUD_EVENTS = new Endpoint("/v1/topics/{topic}/cloudevents", Set.of(200, 202),
            "application/json", "EventResult",
            Set.of("application/cloudevents+json", "application/cloudevents-batch+json", CLOUD_EVENTS_BINARY),
            "CloudEvent",
            Set.of("path:topic", "header:Prefer", "header:X-Delivery", "query:atomic", "header:ce-specversion",
                    "header:ce-id", "header:ce-source", "header:ce-type", "header:ce-time", "header:ce-subject",
                    "header:ce-dataschema", "header:ce-partitionkey"),
            EnumSet.of(MALFORMED_REQUEST, INVALID_EVENT, INVALID_TOPIC, UNKNOWN_TOPIC, PAYLOAD_TOO_LARGE,
                    RECORD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INVALID_FIELD, INVALID_ENCODING, SCHEMA_REQUIRED,
                    DELIVERY_FAILED, OVERLOADED, BROKER_UNAVAILABLE, SHUTTING_DOWN, UNAUTHORIZED, FORBIDDEN,
                    QUOTA_EXCEEDED));

    static final List<Endpoint> ENDPOINTS = List.of(EVENTS, REST_PROXY, V3, V3_CLOUD, CLOUD_EVENTS);

    private static Endpoint v3(String path) {
        return new Endpoint(path, Set.of(200), "application/json", "V3DeliveryReport", Set.of("application/json"),
                "V3ProduceRequest", Set.of("path:cluster_id", "path:topic_name", "header:X-Priority",
                        "header:X-Delivery"),
                EnumSet.of(MALFORMED_REQUEST, INVALID_EVENT, INVALID_TOPIC, UNKNOWN_TOPIC, UNKNOWN_CLUSTER,
                        PAYLOAD_TOO_LARGE, RECORD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, INVALID_FIELD, INVALID_ENCODING,
                        INVALID_HEADER, PARTITION_OUT_OF_RANGE, SCHEMA_NOT_SUPPORTED, SCHEMA_REQUIRED, UNKNOWN_SCHEMA,
                        INVALID_SCHEMA, SCHEMA_MISMATCH, SCHEMA_INCOMPATIBLE, DELIVERY_FAILED, OVERLOADED,
                        BROKER_UNAVAILABLE, SCHEMA_REGISTRY_UNAVAILABLE, SHUTTING_DOWN, UNAUTHORIZED, FORBIDDEN,
                        QUOTA_EXCEEDED, TOO_MANY_STREAMS));
    }

    /**
     * What one metadata read (a GET of REST Proxy v2 or v3) can answer: its success content types and schema (null:
     * an array of strings), its parameters and its problem types.
     */
    record Read(String path, Set<String> successMediaTypes, String successSchema, Set<String> parameters,
            Set<ProblemType> problems) {

        Set<Integer> statuses() {
            Set<Integer> statuses = new TreeSet<>(List.of(200));
            problems.forEach(p -> statuses.add(p.status()));
            return statuses;
        }
    }

    private static final Set<String> V2_ANSWER = Set.of(MediaTypes.V2, "application/json");
    private static final Set<String> V3_ANSWER = Set.of("application/json");
    private static final String V3_TOPIC = "/v3/clusters/{cluster_id}/topics/{topic_name}";

    /** The metadata reads; the same at /kafka/v3 are not documented twice. */
    static final List<Read> READS = List.of(
            new Read("/topics", V2_ANSWER, null, Set.of(), EnumSet.of(UNAUTHORIZED, BROKER_UNAVAILABLE)),
            new Read("/topics/{topic}", V2_ANSWER, "RestProxyTopic", Set.of("path:topic"),
                    EnumSet.of(UNAUTHORIZED, FORBIDDEN, UNKNOWN_TOPIC, BROKER_UNAVAILABLE)),
            new Read("/topics/{topic}/partitions", V2_ANSWER, "RestProxyPartition", Set.of("path:topic"),
                    EnumSet.of(UNAUTHORIZED, FORBIDDEN, UNKNOWN_TOPIC, BROKER_UNAVAILABLE)),
            new Read("/topics/{topic}/partitions/{partition}", V2_ANSWER, "RestProxyPartition",
                    Set.of("path:topic", "path:partition"),
                    EnumSet.of(UNAUTHORIZED, FORBIDDEN, UNKNOWN_TOPIC, UNKNOWN_PARTITION, BROKER_UNAVAILABLE)),
            new Read("/v3/clusters", V3_ANSWER, "V3ClusterList", Set.of(),
                    EnumSet.of(UNAUTHORIZED, BROKER_UNAVAILABLE)),
            new Read("/v3/clusters/{cluster_id}", V3_ANSWER, "V3Cluster", Set.of("path:cluster_id"),
                    EnumSet.of(UNAUTHORIZED, UNKNOWN_CLUSTER, BROKER_UNAVAILABLE)),
            new Read("/v3/clusters/{cluster_id}/topics", V3_ANSWER, "V3TopicList", Set.of("path:cluster_id"),
                    EnumSet.of(UNAUTHORIZED, UNKNOWN_CLUSTER, BROKER_UNAVAILABLE)),
            new Read(V3_TOPIC, V3_ANSWER, "V3Topic", Set.of("path:cluster_id", "path:topic_name"),
                    EnumSet.of(UNAUTHORIZED, FORBIDDEN, UNKNOWN_CLUSTER, UNKNOWN_TOPIC, BROKER_UNAVAILABLE)),
            new Read(V3_TOPIC + "/partitions", V3_ANSWER, "V3PartitionList",
                    Set.of("path:cluster_id", "path:topic_name"),
                    EnumSet.of(UNAUTHORIZED, FORBIDDEN, UNKNOWN_CLUSTER, UNKNOWN_TOPIC, BROKER_UNAVAILABLE)),
            new Read(V3_TOPIC + "/partitions/{partition_id}", V3_ANSWER, "V3Partition",
                    Set.of("path:cluster_id", "path:topic_name", "path:partition_id"),
                    EnumSet.of(UNAUTHORIZED, FORBIDDEN, UNKNOWN_CLUSTER, UNKNOWN_TOPIC, UNKNOWN_PARTITION,
                            BROKER_UNAVAILABLE)));

    private static final Pattern URN = Pattern.compile(Pattern.quote("urn:producer-gateway:problem:") + "[a-z0-9-]+");

    private JsonNode document;
    private String text;

    @BeforeEach
    void fetchDocument() throws Exception {
        text = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(text);
    }

    @Test
    void everyProblemTypeTheApisCanGiveIsPlacedAndDocumented() {
        for (ProblemType type : ProblemType.values()) {
            if (FRAMEWORK_ONLY.contains(type)) {
                continue;
            }
            assertTrue(ENDPOINTS.stream().anyMatch(e -> e.problems().contains(type))
                    || READS.stream().anyMatch(r -> r.problems().contains(type)), type + " (" + type.type()
                    + ") is given by no endpoint of OpenApiTest.ENDPOINTS or READS: add it there, to the "
                    + "@APIResponse of the resources that can answer it, and to the README");
            assertTrue(text.contains(type.type()), type.type() + " is missing from the OpenAPI document");
        }
    }

    @Test
    void bothOperationsExistWithTheirRequestContentTypesAndSchemas() {
        for (Endpoint endpoint : ENDPOINTS) {
            JsonNode post = post(endpoint);
            assertTrue(post.path("summary").asText().length() > 0, endpoint.path() + " has no summary");
            assertTrue(post.path("description").asText().length() > 0, endpoint.path() + " has no description");
            assertTrue(post.path("tags").size() > 0, endpoint.path() + " has no tag");
            JsonNode body = post.path("requestBody");
            assertTrue(body.path("required").asBoolean(), endpoint.path() + ": the request body is required");
            assertEquals(endpoint.requestMediaTypes(), names(body.path("content")), endpoint.path());
            for (String mediaType : endpoint.requestMediaTypes()) {
                JsonNode schema = body.path("content").path(mediaType).path("schema");
                if (endpoint == CLOUD_EVENTS && mediaType.equals(CLOUD_EVENTS_BINARY)) {
                    assertEquals("binary", schema.path("format").asText(), "binary mode's data: " + schema);
                    continue;
                }
                assertTrue(refs(schema).contains(endpoint.requestSchema()),
                        endpoint.path() + " " + mediaType + " request schema: " + schema);
            }
            assertNotNull(schema(endpoint.requestSchema()), endpoint.requestSchema() + " is not in components");
        }
    }

    @Test
    void parametersAreTheTopicAndTheOptionsEachApiReads() {
        for (Endpoint endpoint : ENDPOINTS) {
            Set<String> parameters = new TreeSet<>();
            for (JsonNode parameter : post(endpoint).path("parameters")) {
                parameters.add(parameter.path("in").asText() + ":" + parameter.path("name").asText());
                assertTrue(parameter.path("description").asText().length() > 0,
                        endpoint.path() + " parameter " + parameter.path("name").asText() + " has no description");
            }
            assertEquals(new TreeSet<>(endpoint.parameters()), parameters, endpoint.path());
        }
    }

    @Test
    void documentedStatusesAreExactlyTheOnesEachEndpointCanGive() {
        for (Endpoint endpoint : ENDPOINTS) {
            Set<Integer> documented = names(post(endpoint).path("responses")).stream().map(Integer::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(endpoint.statuses(), documented, endpoint.path() + ": documented response codes");
        }
    }

    @Test
    void eachErrorResponseNamesExactlyTheProblemTypesItCarries() {
        for (Endpoint endpoint : ENDPOINTS) {
            JsonNode responses = post(endpoint).path("responses");
            for (int status : endpoint.statuses()) {
                JsonNode response = responses.path(Integer.toString(status));
                String where = endpoint.path() + " " + status;
                Set<String> expected = endpoint.problemsWithStatus(status).stream().map(ProblemType::type)
                        .collect(Collectors.toCollection(TreeSet::new));
                assertEquals(expected, urns(response.path("description").asText()), where + " description: "
                        + "the problem types it names");
                if (expected.isEmpty()) {
                    JsonNode schema = response.path("content").path(endpoint.successMediaType()).path("schema");
                    assertTrue(refs(schema).contains(endpoint.successSchema()), where + " success schema: " + schema);
                    assertFalse(response.path("content").has(Problem.MEDIA_TYPE), where + " is not a problem");
                } else {
                    JsonNode schema = response.path("content").path(Problem.MEDIA_TYPE).path("schema");
                    assertEquals(Set.of("Problem"), refs(schema), where + " " + Problem.MEDIA_TYPE + " schema");
                }
            }
        }
    }

    @Test
    void retriableAnswersDocumentRetryAfter() {
        for (Endpoint endpoint : ENDPOINTS) {
            for (ProblemType type : endpoint.problems()) {
                if (type.retriable()) {
                    JsonNode response = post(endpoint).path("responses").path(Integer.toString(type.status()));
                    assertTrue(response.path("headers").has("Retry-After"),
                            endpoint.path() + " " + type.status() + " must document Retry-After");
                }
            }
        }
    }

    @Test
    void everyOperationRequiresAnApiKeyOrABearerJwt() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertEquals("apiKey", schemes.path("apiKey").path("type").asText());
        assertEquals("header", schemes.path("apiKey").path("in").asText());
        assertEquals("X-API-Key", schemes.path("apiKey").path("name").asText());
        assertEquals("http", schemes.path("bearer").path("type").asText());
        assertEquals("bearer", schemes.path("bearer").path("scheme").asText());
        assertEquals("JWT", schemes.path("bearer").path("bearerFormat").asText());
        for (Endpoint endpoint : ENDPOINTS) {
            Set<String> required = new TreeSet<>();
            post(endpoint).path("security")
                    .forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
            assertEquals(Set.of("apiKey", "bearer"), required, endpoint.path() + " security");
            JsonNode quota = post(endpoint).path("responses").path("429").path("headers");
            assertTrue(quota.has("RateLimit-Policy") && quota.has("RateLimit"), endpoint.path() + " 429 headers");
        }
    }

    @Test
    void restProxyFailuresAtKafkaDocumentTheOffsetsBody() {
        // The problem types a record can meet at Kafka (DeliveryFailures): REST Proxy then answers its offsets body.
        for (ProblemType type : EnumSet.of(UNKNOWN_TOPIC, RECORD_TOO_LARGE, DELIVERY_FAILED, BROKER_UNAVAILABLE)) {
            JsonNode schema = post(REST_PROXY).path("responses").path(Integer.toString(type.status())).path("content")
                    .path(MediaTypes.V2).path("schema");
            assertEquals(Set.of("RestProxyOffsets"), refs(schema), "/topics " + type.status() + " offsets body");
        }
    }

    @Test
    void everyMetadataReadDocumentsWhatItAnswers() {
        for (Read read : READS) {
            JsonNode get = document.path("paths").path(read.path()).path("get");
            assertFalse(get.isMissingNode(), "No GET " + read.path() + "; paths: " + names(document.path("paths")));
            assertTrue(get.path("operationId").asText().length() > 0, read.path() + " has no operationId");
            assertTrue(get.path("summary").asText().length() > 0, read.path() + " has no summary");
            assertTrue(get.path("description").asText().length() > 0, read.path() + " has no description");
            assertTrue(get.path("tags").size() > 0, read.path() + " has no tag");
            Set<String> parameters = new TreeSet<>();
            for (JsonNode parameter : get.path("parameters")) {
                parameters.add(parameter.path("in").asText() + ":" + parameter.path("name").asText());
                assertTrue(parameter.path("description").asText().length() > 0, read.path() + " parameter "
                        + parameter.path("name").asText() + " has no description");
            }
            assertEquals(new TreeSet<>(read.parameters()), parameters, read.path() + " parameters");
            Set<String> required = new TreeSet<>();
            get.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
            assertEquals(Set.of("apiKey", "bearer"), required, read.path() + " security");

            JsonNode responses = get.path("responses");
            Set<Integer> documented = names(responses).stream().map(Integer::valueOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(read.statuses(), documented, read.path() + ": documented response codes");
            JsonNode success = responses.path("200").path("content");
            assertEquals(read.successMediaTypes(), names(success), read.path() + " 200 content types");
            for (String mediaType : read.successMediaTypes()) {
                JsonNode schema = success.path(mediaType).path("schema");
                if (read.successSchema() == null) {
                    assertEquals("array", schema.path("type").asText(), read.path() + " 200: " + schema);
                    assertEquals("string", schema.path("items").path("type").asText(), read.path() + " 200: " + schema);
                } else {
                    assertTrue(refs(schema).contains(read.successSchema()), read.path() + " 200 schema: " + schema);
                    assertNotNull(schema(read.successSchema()), read.successSchema() + " is not in components");
                }
            }
            for (int status : read.statuses()) {
                if (status == 200) {
                    continue;
                }
                JsonNode response = responses.path(Integer.toString(status));
                Set<String> expected = read.problems().stream().filter(p -> p.status() == status)
                        .map(ProblemType::type).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(expected, urns(response.path("description").asText()), read.path() + " " + status
                        + " description: the problem types it names");
                assertEquals(Set.of("Problem"), refs(response.path("content").path(Problem.MEDIA_TYPE)
                        .path("schema")), read.path() + " " + status + " schema");
                if (read.problems().stream().anyMatch(p -> p.status() == status && p.retriable())) {
                    assertTrue(response.path("headers").has("Retry-After"), read.path() + " " + status
                            + " must document Retry-After");
                }
            }
        }
    }

    @Test
    void confluentCloudsPrefixIsNotDocumentedTwiceForReads() {
        // Only the produce operation is documented at /kafka/v3 too (Confluent Cloud's clients produce there).
        Set<String> paths = names(document.path("paths"));
        assertTrue(paths.stream().noneMatch(path -> path.startsWith("/kafka/") && !path.endsWith("/records")),
                "the /kafka/v3 reads are those of /v3: " + paths);
    }

    @Test
    void v3RecordFailuresDocumentTheErrorReport() {
        // A record that failed (refused, or at Kafka) is answered with its V3ErrorReport, not a problem; the operation
        // is named as in Confluent's document.
        for (Endpoint endpoint : List.of(V3, V3_CLOUD)) {
            for (int status : List.of(400, 404, 413, 422, 502, 503)) {
                JsonNode schema = post(endpoint).path("responses").path(Integer.toString(status)).path("content")
                        .path("application/json").path("schema");
                assertEquals(Set.of("V3ErrorReport"), refs(schema), endpoint.path() + " " + status + " error report");
            }
            assertEquals(endpoint == V3 ? "produceRecord" : "produceRecordCloud", post(endpoint).path("operationId")
                    .asText(), endpoint.path() + " operationId");
        }
    }

    @Test
    void theCloudEventsOperationTakesTheBindingsThreeModes() {
        JsonNode post = post(CLOUD_EVENTS);
        assertEquals("produceCloudEvents", post.path("operationId").asText());
        JsonNode content = post.path("requestBody").path("content");
        assertEquals(Set.of("CloudEvent"), refs(content.path("application/cloudevents+json").path("schema")));
        JsonNode batch = content.path("application/cloudevents-batch+json").path("schema");
        assertEquals("array", batch.path("type").asText(), "batch mode: " + batch);
        assertEquals(Set.of("CloudEvent"), refs(batch));
        assertEquals("binary", content.path(CLOUD_EVENTS_BINARY).path("schema").path("format").asText());
        JsonNode event = schema("CloudEvent");
        Set<String> required = new TreeSet<>();
        event.path("required").forEach(name -> required.add(name.asText()));
        assertEquals(Set.of("specversion", "id", "source", "type"), required);
        assertTrue(names(event.path("properties")).containsAll(Set.of("time", "partitionkey", "data", "data_base64")),
                "CloudEvent properties: " + names(event.path("properties")));
    }

    private JsonNode post(Endpoint endpoint) {
        JsonNode post = document.path("paths").path(endpoint.path()).path("post");
        if (post.isMissingNode()) {
            fail("No POST " + endpoint.path() + " in the OpenAPI document; paths: " + names(document.path("paths")));
        }
        return post;
    }

    private JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        return schema.isMissingNode() ? null : schema;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The component names a schema refers to, directly, in oneOf/anyOf/allOf or as array items. */
    private static Set<String> refs(JsonNode schema) {
        Set<String> refs = new TreeSet<>();
        List<JsonNode> pending = new ArrayList<>(List.of(schema));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node.has("$ref")) {
                String ref = node.get("$ref").asText();
                refs.add(ref.substring(ref.lastIndexOf('/') + 1));
            }
            Stream.of("oneOf", "anyOf", "allOf").forEach(key -> node.path(key).forEach(pending::add));
            if (node.has("items")) {
                pending.add(node.get("items"));
            }
        }
        return refs;
    }

    private static Set<String> urns(String description) {
        Set<String> urns = new TreeSet<>();
        Matcher matcher = URN.matcher(description);
        while (matcher.find()) {
            urns.add(matcher.group());
        }
        return urns;
    }

}
