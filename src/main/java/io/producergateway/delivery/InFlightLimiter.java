package io.producergateway.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.producergateway.config.GatewayConfig;

/**
 * Bounds the events (and their bytes) accepted and not yet acknowledged by Kafka. A request that does not fit is
 * refused at once, so memory stays bounded and callers learn to back off instead of queueing without end.
 */
@Singleton
public class InFlightLimiter {

    private final int maxEvents;
    private final long maxBytes;
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    public InFlightLimiter(GatewayConfig config) {
        this.maxEvents = config.delivery().maxInFlight();
        this.maxBytes = config.delivery().maxInFlightBytes();
    }

    /** Takes room for {@code count} events of {@code size} bytes in all, or nothing. */
    public boolean tryAcquire(int count, long size) {
        if (events.addAndGet(count) > maxEvents) {
            events.addAndGet(-count);
            return false;
        }
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            events.addAndGet(-count);
            return false;
        }
        return true;
    }

    public void release(int count, long size) {
        events.addAndGet(-count);
        bytes.addAndGet(-size);
    }

    public int events() {
        return events.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public int maxEvents() {
        return maxEvents;
    }
}
