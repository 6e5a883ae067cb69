package io.producergateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real 3-node Kafka cluster (KRaft) of separate JVMs on loopback ports, started from Kafka's jars on the test
 * classpath. Every node is broker and controller, all three are voters of the metadata quorum, and internal topics
 * are replicated three times with a min ISR of 2. Tests kill a node (SIGKILL), start it again on the same data, or
 * stop the whole cluster and start it again.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int SIZE = 3;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final String classpath;
    private final List<Node> nodes;

    private KafkaCluster(Path dir, String classpath, List<Node> nodes) {
        this.dir = dir;
        this.classpath = classpath;
        this.nodes = nodes;
    }

    /** Formats three fresh log directories under {@code target/} with one cluster id and starts the three nodes. */
    public static KafkaCluster start(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "kafka", name + "-" + UUID.randomUUID()))
                    .toAbsolutePath();
            String template;
            try (InputStream in = KafkaCluster.class.getResourceAsStream("/kafka/cluster-node.properties")) {
                template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int[] ports = new int[SIZE];
            int[] controllerPorts = new int[SIZE];
            List<ServerSocket> held = new ArrayList<>();
            try {
                // Held open together so that no two of the six ports are the same.
                for (int i = 0; i < SIZE; i++) {
                    ports[i] = hold(held);
                    controllerPorts[i] = hold(held);
                }
            } finally {
                for (ServerSocket socket : held) {
                    socket.close();
                }
            }
            StringBuilder voters = new StringBuilder();
            for (int i = 0; i < SIZE; i++) {
                voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < SIZE; i++) {
                int id = i + 1;
                Path nodeDir = Files.createDirectories(dir.resolve("node-" + id));
                Path properties = nodeDir.resolve("node.properties");
                Files.writeString(properties, template
                        .replace("@NODE_ID@", Integer.toString(id))
                        .replace("@PORT@", Integer.toString(ports[i]))
                        .replace("@CONTROLLER_PORT@", Integer.toString(controllerPorts[i]))
                        .replace("@VOTERS@", voters)
                        .replace("@LOG_DIR@", nodeDir.resolve("data").toString()));
                nodes.add(new Node(id, ports[i], nodeDir, properties));
            }
            KafkaCluster cluster = new KafkaCluster(dir, KafkaProcesses.classpath(), nodes);
            cluster.format(KafkaProcesses.clusterId());
            // If the test JVM ends without closing the cluster, its nodes must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::killRemaining, "kafka-cluster-cleanup"));
            try {
                cluster.startAll();
            } catch (RuntimeException e) {
                cluster.stopAll();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All three nodes, for a client that must survive the loss of any of them. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port).collect(Collectors.joining(","));
    }

    /** The node ids: 1, 2 and 3 (the same as the brokers' ids in Kafka's metadata). */
    public List<Integer> nodeIds() {
        return nodes.stream().map(n -> n.id).toList();
    }

    public synchronized boolean isRunning(int nodeId) {
        Process process = node(nodeId).process;
        return process != null && process.isAlive();
    }

    public synchronized long pid(int nodeId) {
        return node(nodeId).process.pid();
    }

    /** Where a node's output goes, for failure messages. */
    public Path log(int nodeId) {
        return node(nodeId).dir.resolve("node.log");
    }

    /** Kills the node with SIGKILL: no shutdown, no flush, its connections simply drop. */
    public synchronized void kill(int nodeId) {
        Node node = node(nodeId);
        if (node.process == null) {
            return;
        }
        node.process.destroyForcibly(); // SIGKILL on Linux
        waitFor(node.process);
        node.process = null;
        awaitPort(node, false);
    }

    /** Starts a stopped or killed node again, on its port and data; returns once its client port is open. */
    public synchronized void start(int nodeId) {
        Node node = node(nodeId);
        launch(node);
        awaitPort(node, true);
    }

    /**
     * Starts every node that is not running, all at once (a KRaft node only finishes starting once a quorum of
     * controllers is up), and returns when all client ports are open.
     */
    public synchronized void startAll() {
        for (Node node : nodes) {
            launch(node);
        }
        for (Node node : nodes) {
            awaitPort(node, true);
        }
    }

    /**
     * Stops every node at once (SIGTERM; SIGKILL after {@link #STOP_TIMEOUT}). Stopping them one by one would leave
     * the last ones waiting for a controller quorum that is gone.
     */
    public synchronized void stopAll() {
        List<Node> running = nodes.stream().filter(n -> n.process != null).toList();
        running.forEach(n -> n.process.destroy());
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Node node : running) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!node.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    node.process.destroyForcibly();
                    waitFor(node.process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.process.destroyForcibly();
            }
            node.process = null;
        }
        for (Node node : running) {
            awaitPort(node, false);
        }
    }

    @Override
    public void close() {
        stopAll();
    }

    private void killRemaining() {
        for (Node node : nodes) {
            Process process = node.process;
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private Node node(int nodeId) {
        return nodes.stream().filter(n -> n.id == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node " + nodeId + " in " + nodeIds()));
    }

    private void launch(Node node) {
        if (node.process != null && node.process.isAlive()) {
            return;
        }
        try {
            node.process = java("kafka.Kafka", node.properties.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve("node.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Formats the three log directories with one cluster id, in parallel (one JVM each). */
    private void format(String clusterId) {
        List<Process> formats = new ArrayList<>();
        try {
            for (Node node : nodes) {
                formats.add(java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", node.properties.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve("format.log").toFile()))
                        .start());
            }
            for (int i = 0; i < formats.size(); i++) {
                Process p = formats.get(i);
                if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("Formatting Kafka storage failed, see "
                            + nodes.get(i).dir.resolve("format.log"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            formats.forEach(Process::destroyForcibly);
        }
    }

    private void awaitPort(Node node, boolean open) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (KafkaProcesses.isOpen(node.port) == open) {
                return;
            }
            if (open && (node.process == null || !node.process.isAlive())) {
                throw new IllegalStateException("Kafka node " + node.id + " exited, see "
                        + node.dir.resolve("node.log"));
            }
            KafkaProcesses.sleep(100);
        }
        throw new IllegalStateException("Kafka node " + node.id + " port " + node.port
                + (open ? " did not open" : " did not close") + " within " + START_TIMEOUT + ", see "
                + node.dir.resolve("node.log") + " (cluster in " + dir + ")");
    }

    private ProcessBuilder java(String mainClass, String... args) {
        return new ProcessBuilder(KafkaProcesses.javaCommand(classpath, mainClass, args));
    }

    private static int hold(List<ServerSocket> held) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(socket);
        return socket.getLocalPort();
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka node pid " + process.pid() + " did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One JVM of the cluster: its id, client port, directory and properties; the process while it runs. */
    private static final class Node {
        final int id;
        final int port;
        final Path dir;
        final Path properties;
        Process process;

        Node(int id, int port, Path dir, Path properties) {
            this.id = id;
            this.port = port;
            this.dir = dir;
            this.properties = properties;
        }
    }
}
