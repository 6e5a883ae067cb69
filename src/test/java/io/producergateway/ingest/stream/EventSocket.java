package io.producergateway.ingest.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A WebSocket stream as a client sees it, over the JDK's {@code java.net.http.WebSocket}: events sent as text (or
 * binary) messages, the gateway's answers as JSON, and the close code it ended with.
 */
final class EventSocket implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 60;

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private EventSocket() {
    }

    /** Opens the stream of the topic, with the given request headers. */
    static EventSocket open(int port, String topic, Map<String, String> headers) {
        EventSocket client = new EventSocket();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/topics/" + topic + "/events"),
                client).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return client;
    }

    /** The HTTP status the gateway refused the upgrade with. */
    static int refusal(int port, String topic, Map<String, String> headers) {
        try {
            open(port, topic, headers).abort();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the upgrade was accepted");
    }

    /** Sends one event as a text message; returns once the JDK has written it. */
    void send(String event) {
        socket.sendText(event, true).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    void sendBinary(String event) {
        socket.sendBinary(ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)), true)
                .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Waits for the next {@code count} answers. */
    List<JsonNode> answers(int count) throws Exception {
        List<JsonNode> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("answer " + i + " of " + count + " did not come; got " + answers);
            }
            answers.add(JSON.readTree(message));
        }
        return answers;
    }

    /** The answers received so far and not yet taken. */
    int waiting() {
        return messages.size();
    }

    /** Waits for the gateway's close, and returns its code. */
    int closeCode() {
        return closed.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    /** Closes normally, as a client does once it has every answer; returns the code the gateway echoed. */
    int close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
        return closeCode();
    }

    void abort() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
