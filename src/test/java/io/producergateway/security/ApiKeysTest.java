package io.producergateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.TestConfig;

/** API keys: which principal a key is, and the mistakes that stop the service, told without the key. */
class ApiKeysTest {

    @Test
    void aKeyNamesItsPrincipalAndNothingElseDoes() {
        ApiKeys keys = keys("orders-service:k-orders, audit:k-audit");
        assertEquals("orders-service", keys.principalOf("k-orders"));
        assertEquals("audit", keys.principalOf(" k-audit "));
        assertNull(keys.principalOf("k-order"));
        assertNull(keys.principalOf(""));
        assertEquals(Set.of("orders-service", "audit"), keys.principals());
        assertEquals(List.of(), keys.problems());
    }

    @Test
    void malformedEntriesAreProblemsThatNeverShowTheKey() {
        ApiKeys keys = keys("no-colon-secret,svc:,:k-orphan");
        assertEquals(3, keys.problems().size(), keys.problems().toString());
        assertTrue(keys.problems().stream().noneMatch(p -> p.contains("secret") || p.contains("orphan")),
                "the key is never printed: " + keys.problems());
        assertTrue(keys.isEmpty());
    }

    private static ApiKeys keys(String entries) {
        return new ApiKeys(TestConfig.gateway(Map.of("gateway.auth.api-keys", entries)));
    }
}
