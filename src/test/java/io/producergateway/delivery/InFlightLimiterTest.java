package io.producergateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.TestConfig;

/** Room for a request is taken whole or not at all, by count and by bytes. */
class InFlightLimiterTest {

    private final InFlightLimiter limiter = new InFlightLimiter(TestConfig.gateway(Map.of(
            "gateway.delivery.max-in-flight", "10", "gateway.delivery.max-in-flight-bytes", "1000",
            "gateway.ingest.max-events-per-request", "10")));

    @Test
    void aRequestThatDoesNotFitTakesNothing() {
        assertTrue(limiter.tryAcquire(8, 100));
        assertFalse(limiter.tryAcquire(3, 100), "11 events are more than 10");
        assertFalse(limiter.tryAcquire(1, 901), "1001 bytes are more than 1000");
        assertEquals(8, limiter.events());
        assertEquals(100, limiter.bytes());
        assertTrue(limiter.tryAcquire(2, 900), "exactly the bound fits");
        limiter.release(10, 1000);
        assertEquals(0, limiter.events());
        assertEquals(0, limiter.bytes());
    }
}
