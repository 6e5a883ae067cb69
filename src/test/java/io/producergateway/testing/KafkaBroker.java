package io.producergateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft) in its own JVM, started from Kafka's jars on the test classpath.
 * Tests stop, kill, pause and restart it to see what the gateway does when the broker goes away.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final Path properties;
    private final String classpath;
    private Process process;

    private KafkaBroker(Path dir, int port, Path properties, String classpath) {
        this.dir = dir;
        this.port = port;
        this.properties = properties;
        this.classpath = classpath;
    }

    /** Formats a fresh log directory under {@code target/} and starts a broker on free loopback ports. */
    public static KafkaBroker start(String name) {
        return start(name, port -> "", List.of());
    }

    /**
     * Like {@link #start(String)}, with more broker properties (given the client port, they may add listeners) and
     * more arguments for the storage format (e.g. {@code --add-scram} to create SCRAM users).
     */
    public static KafkaBroker start(String name, java.util.function.IntFunction<String> extraProperties,
            List<String> formatArguments) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "kafka", name + "-" + UUID.randomUUID()))
                    .toAbsolutePath();
            int port = freePort();
            int controllerPort = freePort();
            String template;
            try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka/broker.properties")) {
                template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Path properties = dir.resolve("broker.properties");
            // Extra properties come after the template's (later keys win) and may use its placeholders.
            Files.writeString(properties, (template + "\n" + extraProperties.apply(port))
                    .replace("@PORT@", Integer.toString(port))
                    .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                    .replace("@LOG_DIR@", dir.resolve("data").toString()));
            KafkaBroker broker = new KafkaBroker(dir, port, properties, KafkaProcesses.classpath());
            broker.format(formatArguments);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the broker again on the same port and data, after {@link #stop()} or {@link #kill()}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = java("kafka.Kafka", properties.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                .start0();
        awaitPort(true);
    }

    /** Stops the broker gracefully, or kills it if it does not stop in time. */
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
        }
        process = null;
        awaitPort(false);
    }

    /** Freezes the broker (SIGSTOP): connections stay open and nothing is answered, like a hung node. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused broker run again (SIGCONT). */
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
        ProcessSignals.send(process, signal, "broker");
    }

    /** A free port on 127.0.0.1, for a listener of one's own. */
    public static int freeLoopbackPort() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(List<String> extra) {
        List<String> args = new java.util.ArrayList<>(List.of("format", "-t", KafkaProcesses.clusterId(), "-c", properties.toString()));
        args.addAll(extra);
        Launch format = java("kafka.tools.StorageTool", args.toArray(String[]::new))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("format.log").toFile()));
        Process p = format.start0();
        try {
            if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage failed, see " + dir.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitPort(boolean open) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (isOpen() == open) {
                return;
            }
            if (open && !process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited, see " + dir.resolve("broker.log"));
            }
            KafkaProcesses.sleep(100);
        }
        throw new IllegalStateException("Kafka broker port " + port + (open ? " did not open" : " did not close")
                + " within " + START_TIMEOUT + ", see " + dir.resolve("broker.log"));
    }

    private boolean isOpen() {
        return KafkaProcesses.isOpen(port);
    }

    private Launch java(String mainClass, String... args) {
        return new Launch(KafkaProcesses.javaCommand(classpath, mainClass, args));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A process builder whose start does not throw a checked exception. */
    private static final class Launch {
        private final ProcessBuilder builder;

        Launch(List<String> command) {
            this.builder = new ProcessBuilder(command);
        }

        Launch redirectErrorStream(boolean redirect) {
            builder.redirectErrorStream(redirect);
            return this;
        }

        Launch redirectOutput(ProcessBuilder.Redirect redirect) {
            builder.redirectOutput(redirect);
            return this;
        }

        Process start0() {
            try {
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
