package io.producergateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.TestConfig;

/** The rules of API keys and grants, and the configuration mistakes that stop the service from starting. */
class ProducerAccessTest {

    @Test
    void authenticationOnWithoutKeysIsAConfigurationError() {
        List<String> problems = new ProducerAccess(config(true, List.of(), List.of())).problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("gateway.auth.api-keys is empty"), problems.get(0));
    }

    @Test
    void malformedKeysAreConfigurationErrorsThatNeverShowTheKey() {
        List<String> problems = new ProducerAccess(config(true, List.of("no-colon-secret", "svc:"), List.of()))
                .problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("no-colon-secret")), "the key is never printed");
    }

    @Test
    void grantsAreFullMatchesPerPrincipal() {
        ProducerAccess access = new ProducerAccess(config(true, List.of("svc:k1"), List.of("svc=orders-.*")));
        assertEquals("svc", access.authorize("k1", "orders-eu"));
        assertEquals(ProblemType.FORBIDDEN, assertThrows(GatewayException.class,
                () -> access.authorize("k1", "x-orders-eu")).type());
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(GatewayException.class,
                () -> access.authorize("k2", "orders-eu")).type());
        assertEquals(ProblemType.UNAUTHORIZED, assertThrows(GatewayException.class,
                () -> access.authorize(null, "orders-eu")).type());
    }

    private static GatewayConfig config(boolean enabled, List<String> keys, List<String> grants) {
        Map<String, String> values = new HashMap<>();
        values.put("gateway.auth.enabled", Boolean.toString(enabled));
        if (!keys.isEmpty()) {
            values.put("gateway.auth.api-keys", String.join(",", keys));
        }
        if (!grants.isEmpty()) {
            values.put("gateway.auth.grants", String.join(",", grants));
        }
        return TestConfig.gateway(values);
    }
}
