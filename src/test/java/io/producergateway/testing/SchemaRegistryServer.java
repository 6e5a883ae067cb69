package io.producergateway.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry (from Maven Central, unpacked by the build into {@code registry.home}) in its own JVM on
 * Java 21 or later, with its storage in a file under {@code target/}: Confluent's API at {@link #confluentUrl()}.
 * Tests stop it and start it again on the same ports, with the same schemas, to see what the gateway does while it is
 * away.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int MIN_JAVA = 21;

    private final Path home;
    private final Path dir;
    private final int port;
    private final int managementPort;
    private final List<String> command;
    private Process process;

    private SchemaRegistryServer(Path home, Path dir, int port, int managementPort, List<String> command) {
        this.home = home;
        this.dir = dir;
        this.port = port;
        this.managementPort = managementPort;
        this.command = command;
    }

    /** Starts a fresh registry on free loopback ports, its log and storage in a new folder under target/. */
    public static SchemaRegistryServer start(String name) {
        Path home = Path.of(System.getProperty("registry.home", "target/apicurio-registry-3.3.3")).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(home + "/quarkus-run.jar is missing: run the tests through Maven (it "
                    + "unpacks io.apicurio:apicurio-registry-app:tar.gz:all in generate-test-resources)");
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "schema-registry", name + "-" + UUID.randomUUID()))
                    .toAbsolutePath();
            int port = KafkaBroker.freeLoopbackPort();
            int managementPort = KafkaBroker.freeLoopbackPort();
            List<String> command = List.of(javaHome().resolve("bin/java").toString(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                    "-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("storage"),
                    "-Dquarkus.http.access-log.enabled=false",
                    "-jar", home.resolve("quarkus-run.jar").toString());
            SchemaRegistryServer server = new SchemaRegistryServer(home, dir, port, managementPort, command);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a Confluent client calls {@code schema.registry.url}, path prefix included. */
    public String confluentUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /** Starts the registry again on the same ports and storage, after {@link #stop()}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            // Run from its own folder, which must stay while it runs: Quarkus loads its jars lazily.
            process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    /** Stops this registry's own process (SIGTERM to its PID), or kills it if it does not stop in time. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** Freezes the registry (SIGSTOP to its PID): connections are accepted and nothing answered, like a hung node. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused registry run again (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    @Override
    public void close() {
        if (process != null) {
            resume();
        }
        stop();
    }

    private void signal(String signal) {
        ProcessSignals.send(process, signal, "registry");
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The schema registry exited, see " + dir.resolve("registry.log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            KafkaProcesses.sleep(200);
        }
        throw new IllegalStateException("The schema registry was not ready within " + START_TIMEOUT + ", see "
                + dir.resolve("registry.log"));
    }

    /**
     * The JDK that runs the registry: {@code registry.java.home} when it is Java 21 or later, else the newest such
     * JDK in /usr/lib/jvm.
     */
    private static Path javaHome() throws IOException {
        Optional<Path> configured = Optional.ofNullable(System.getProperty("registry.java.home")).map(Path::of)
                .filter(home -> javaVersion(home) >= MIN_JAVA);
        if (configured.isPresent()) {
            return configured.get();
        }
        // A machine whose only JDK runs the build, if that one is recent enough.
        Path running = Path.of(System.getProperty("java.home"));
        if (javaVersion(running) >= MIN_JAVA) {
            return running;
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                Optional<Path> found = homes.filter(home -> javaVersion(home) >= MIN_JAVA)
                        .max((a, b) -> Integer.compare(javaVersion(a), javaVersion(b)));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IllegalStateException("The schema registry needs Java " + MIN_JAVA + " or later: set "
                + "-Dregistry.java.home to such a JDK (it is " + System.getProperty("registry.java.home")
                + ", the build runs on " + System.getProperty("java.version") + ", and /usr/lib/jvm has none)");
    }

    /** The feature version in a JDK's release file; 0 when it is not a JDK. */
    private static int javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return 0;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(release)) {
            properties.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
        try {
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
