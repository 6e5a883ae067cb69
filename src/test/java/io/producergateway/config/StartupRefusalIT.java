package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged service, started with one invalid value, exits with a non-zero status and a message naming the key,
 * and never listens: a service that could only answer 500 never reports ready. (With these values it used to start,
 * report ready, and answer every produce request 500.)
 */
class StartupRefusalIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gateway.delivery.profiles | durable,bogus | gateway.delivery.profiles names [bogus]",
            "gateway.topics.allowed | orders-( | gateway.topics.allowed",
            "gateway.auth.grants | svc=[a- | gateway.auth.grants" })
    void anInvalidValueStopsTheServiceBeforeItListens(String key, String value, String expected) throws Exception {
        int port = freePort();
        Path log = Path.of("target", "startup-refusal-" + key + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dkafka.bootstrap.servers=127.0.0.1:" + freePort(), "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1", "-Dgateway.auth.enabled=false", "-D" + key + "=" + value,
                "-jar", System.getProperty("gateway.jar")));
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean listened = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (service.isAlive() && System.nanoTime() < deadline) {
                listened |= listening(port);
                Thread.sleep(20);
            }
            assertTrue(service.waitFor(1, TimeUnit.SECONDS), "the service did not stop within 60 s, see " + log);
        } finally {
            service.destroyForcibly();
        }
        String output = Files.readString(log);
        assertNotEquals(0, service.exitValue(), "exit status; see " + log);
        assertTrue(output.contains(expected), "the message names the key: " + output);
        assertTrue(!listened, "the HTTP port was never open");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 50);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
