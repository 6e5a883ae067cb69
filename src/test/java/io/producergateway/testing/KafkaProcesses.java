package io.producergateway.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What {@link KafkaBroker} and {@link KafkaCluster} share: Kafka JVMs started from the project's Kafka jars. */
final class KafkaProcesses {

    private KafkaProcesses() {
    }

    /** The classpath of Kafka's jars, written by the build in generate-test-resources. */
    static String classpath() throws IOException {
        Path path = Path.of(System.getProperty("kafka.classpath.file", "target/kafka.classpath"));
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: run the build through Maven (it writes the Kafka "
                    + "classpath in generate-test-resources)");
        }
        return Files.readString(path).trim();
    }

    /** A small JVM for a broker, controller or Kafka tool: 256 MB heap, serial GC, the quiet broker logging. */
    static List<String> javaCommand(String classpath, String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dlogging.configuration=file:" + Path.of("src/local/broker-logging.properties").toAbsolutePath(),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    static String clusterId() {
        // A cluster id must not start with '-' (the storage tool would read it as an option).
        return "pg" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
