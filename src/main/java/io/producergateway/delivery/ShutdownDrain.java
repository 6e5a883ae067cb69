package io.producergateway.delivery;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;

/**
 * On shutdown, refuses new events and waits (bounded) for every accepted one to be acknowledged or dead-lettered
 * before the messaging connectors flush and close their producers: an event answered 202 is not dropped because the
 * pod was asked to stop.
 */
@Singleton
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    private final InFlightLimiter limiter;
    private final Duration timeout;
    private volatile boolean draining;

    public ShutdownDrain(InFlightLimiter limiter, GatewayConfig config) {
        this.limiter = limiter;
        this.timeout = config.shutdown().drainTimeout();
    }

    /** True once the service is stopping: new events are answered 503 and readiness is DOWN. */
    public boolean draining() {
        return draining;
    }

    // Before the messaging lifecycle (which closes the producers) and before other beans are destroyed.
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        int waiting = limiter.events();
        LOG.infof("Shutting down: refusing new events, waiting up to %s for %d in flight", timeout, waiting);
        while (limiter.events() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (limiter.events() > 0) {
            LOG.warnf("Shutdown drain timed out with %d events in flight; the producer close flushes what it holds",
                    limiter.events());
        } else {
            LOG.infof("Shutdown drain complete: every accepted event was acknowledged or dead-lettered");
        }
    }
}
