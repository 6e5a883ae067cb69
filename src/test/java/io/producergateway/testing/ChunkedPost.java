package io.producergateway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A request whose body is sent without a length (chunked), as a streaming client sends it. */
public final class ChunkedPost {

    private ChunkedPost() {
    }

    public static HttpResponse<String> send(int port, String path, String contentType, String body,
            Map<String, String> headers) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(body.getBytes(StandardCharsets.UTF_8))));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
