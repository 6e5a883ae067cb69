package io.producergateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaBroker;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.Records;

/**
 * The packaged service, as a process of its own, gets SIGTERM while Kafka holds its accepted events: it must not exit
 * before they are acknowledged.
 */
class GracefulShutdownIT {

    private static final int EVENTS = 200;

    @Test
    void eventsAcceptedBeforeSigtermAreAllInKafka() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start("shutdown");
                KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("shutdown"), 3);
            int port = freePort();
            Path log = Path.of("target", "graceful-shutdown-service.log");
            long launched = System.nanoTime();
            Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(), "-Dquarkus.http.port=" + port,
                    "-Dquarkus.http.host=127.0.0.1", "-Dgateway.auth.enabled=false", "-jar", System.getProperty("gateway.jar"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port;
            try {
                awaitReady(http, base, service);
                System.out.printf("GracefulShutdownIT: service ready %d ms after launch%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));

                // The packaged jar runs the production profile: it serves the API explorer too.
                HttpResponse<String> explorer = http.send(HttpRequest.newBuilder(URI.create(base + "/q/swagger-ui/"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, explorer.statusCode(), "GET /q/swagger-ui/ on the packaged jar");
                assertTrue(explorer.body().contains("swagger-ui"), "the Swagger UI page");

                // One acknowledged event first, so the service knows the topic before Kafka stops answering.
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/v1/topics/" + topic + "/events"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"warm-up\",\"value\":0}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                broker.pause();
                for (int i = 0; i < EVENTS; i++) {
                    HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/topics/" + topic + "/events"))
                            .header("Content-Type", "application/json").header("Prefer", "respond-async")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"e" + i + "\",\"value\":" + i + "}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(202, accepted.statusCode(), accepted.body());
                }
                service.destroy(); // SIGTERM while Kafka has acknowledged none of them
                Thread.sleep(1000);
                assertTrue(service.isAlive(), "the service waits for its accepted events instead of exiting");
                broker.resume();
                assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service exits once drained");
            } finally {
                broker.resume();
                service.destroyForcibly();
            }

            List<String> ids = kafka.readAll(topic).stream()
                    .map(Records::eventId)
                    .filter(id -> !id.equals("warm-up")).sorted().toList();
            System.out.printf("GracefulShutdownIT: %d accepted, %d in Kafka, %d distinct%n", EVENTS, ids.size(),
                    ids.stream().distinct().count());
            assertEquals(EVENTS, ids.size());
            assertEquals(EVENTS, ids.stream().distinct().count());
        }
    }

    private static void awaitReady(HttpClient http, String base, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(service.isAlive(), "the service exited at startup, see target/graceful-shutdown-service.log");
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service was not ready within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
