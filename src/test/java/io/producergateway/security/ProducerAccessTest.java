package io.producergateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.producergateway.config.GatewayConfig;
import io.producergateway.ingest.GatewayException;
import io.producergateway.ingest.ProblemType;

/** The rules of API keys and grants, and the configuration mistakes that stop the service from starting. */
class ProducerAccessTest {

    @Test
    void authenticationOnWithoutKeysIsAConfigurationError() {
        List<String> problems = new ProducerAccess(config(true, List.of(), List.of())).problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("gateway.auth.api-keys is empty"), problems.get(0));
    }

    @Test
    void malformedEntriesAreConfigurationErrorsThatNeverShowTheKey() {
        List<String> problems = new ProducerAccess(config(true, List.of("no-colon-secret"), List.of("x=(", "y")))
                .problems();
        assertEquals(3, problems.size(), problems.toString());
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
        GatewayConfig.Auth auth = (GatewayConfig.Auth) Proxy.newProxyInstance(getClass0(), new Class<?>[] {
                GatewayConfig.Auth.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> enabled;
                    case "apiKeys" -> Optional.of(keys);
                    case "grants" -> Optional.of(grants);
                    case "maxStreamsPerPrincipal" -> 8;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (GatewayConfig) Proxy.newProxyInstance(getClass0(), new Class<?>[] { GatewayConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("auth")) {
                        return auth;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClassLoader getClass0() {
        return ProducerAccessTest.class.getClassLoader();
    }
}
