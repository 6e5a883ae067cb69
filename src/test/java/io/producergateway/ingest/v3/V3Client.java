package io.producergateway.ingest.v3;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.ProblemType;
import io.producergateway.problem.ConfluentCodes;
import io.producergateway.testing.KafkaTestClient;
import io.restassured.path.json.JsonPath;

/** What the v3 tests share: the cluster's id, the path, concatenated reports read back, a chunked (streamed) post. */
final class V3Client {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private V3Client() {
    }

    static String clusterId(KafkaTestClient kafka) {
        try {
            return kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The test broker did not say its cluster id", e);
        }
    }

    static String records(String cluster, String topic) {
        return "/v3/clusters/" + cluster + "/topics/" + topic + "/records";
    }

    /** The concatenated JSON values of an answer, in order. */
    static List<JsonPath> reports(String answer) {
        List<JsonPath> reports = new ArrayList<>();
        for (JsonNode node : nodes(answer)) {
            reports.add(JsonPath.from(node.toString()));
        }
        return reports;
    }

    static List<JsonNode> nodes(String answer) {
        try (MappingIterator<JsonNode> values = MAPPER.readerFor(JsonNode.class)
                .without(JsonParser.Feature.AUTO_CLOSE_SOURCE).readValues(answer)) {
            return values.readAll();
        } catch (Exception e) {
            throw new IllegalStateException("Not concatenated JSON: " + answer, e);
        }
    }

    /** A streamed request: the body sent in pieces of unknown total length (chunked), as a streaming client does. */
    static HttpResponse<String> stream(int port, String path, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks(body, 64 * 1024)));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += size) {
            chunks.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
        }
        return chunks;
    }

    /** REST Proxy v3's error_code for a problem type (its slug), as a record's report carries it. */
    static int confluentCode(String slug) {
        return ConfluentCodes.v3(Arrays.stream(ProblemType.values()).filter(type -> type.slug().equals(slug))
                .findFirst().orElseThrow(), true);
    }
}
