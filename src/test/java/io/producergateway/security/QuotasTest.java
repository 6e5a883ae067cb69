package io.producergateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.producergateway.config.GatewayConfig;
import io.producergateway.delivery.InFlightLimiter;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.observability.GatewayMetrics;
import io.producergateway.testing.TestConfig;

/** Which quota a principal has, however its name reached the configuration, and what a refusal counts. */
class QuotasTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aPrincipalSetThroughAnEnvironmentVariableIsFoundByItsOwnName() {
        // GATEWAY_AUTH_QUOTAS__ORDERS_SERVICE__EVENTS_PER_SECOND=2 reaches the mapping as the principal orders.service
        Quotas quotas = quotas(Map.of("gateway.auth.quotas.\"orders.service\".events-per-second", "2",
                "gateway.auth.quotas.\"audit\".events-per-second", "1"));

        assertEquals("\"events\";q=2;w=1", quotas.of("orders-service").policy());
        assertEquals("\"events\";q=2;w=1", quotas.of("Orders_Service").policy());
        assertEquals("\"events\";q=1;w=1", quotas.of("audit").policy());
        assertNull(quotas.of("billing"), "no default quota: unlimited");
    }

    @Test
    void aPrincipalsOwnLimitReplacesTheDefaultOneAndARefusalIsCountedUnderABoundedName() {
        Quotas quotas = quotas(Map.of("gateway.auth.quota.events-per-second", "3",
                "gateway.auth.quota.bytes-per-second", "1000",
                "gateway.auth.quotas.\"audit\".events-per-second", "1"));
        assertEquals("\"events\";q=3;w=1, \"bytes\";q=1000;w=1", quotas.of("some-jwt-subject").policy());
        assertEquals("\"events\";q=1;w=1, \"bytes\";q=1000;w=1", quotas.of("audit").policy(),
                "its own events, the default bytes");

        assertDoesNotThrow(() -> quotas.charge("some-jwt-subject", 3, 10));
        GatewayException refused = assertThrows(GatewayException.class,
                () -> quotas.charge("some-jwt-subject", 1, 10));
        assertEquals(ProblemType.QUOTA_EXCEEDED, refused.type());
        assertEquals(1, refused.retryAfterSeconds());
        assertDoesNotThrow(() -> quotas.charge("audit", 1, 10));
        assertThrows(GatewayException.class, () -> quotas.charge("audit", 1, 10));

        assertEquals(1.0, registry.get(GatewayMetrics.QUOTA_REFUSED).tag("principal", "other").counter().count(),
                "an unconfigured principal is counted as other");
        assertEquals(1.0, registry.get(GatewayMetrics.QUOTA_REFUSED).tag("principal", "audit").counter().count());
    }

    private Quotas quotas(Map<String, String> values) {
        GatewayConfig config = TestConfig.gateway(values);
        return new Quotas(config, new GatewayMetrics(registry, new InFlightLimiter(config)), new ApiKeys(config),
                null);
    }
}
