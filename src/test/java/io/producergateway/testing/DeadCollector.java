package io.producergateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OpenTelemetry collector that is down in the worst way: it takes connections and never answers, so every export
 * waits for its timeout. The gateway's OTLP exporter points at it; {@link #connections()} tells that it tried.
 */
public class DeadCollector implements QuarkusTestResourceLifecycleManager {

    private static final List<Socket> ACCEPTED = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    /** How many connections the exporter opened to the collector so far. */
    public static int connections() {
        return ACCEPTED.size();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "dead-collector");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                ACCEPTED.add(server.accept()); // kept open, never read nor answered
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket socket : ACCEPTED) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
