package io.producergateway.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.producergateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start with malformed API keys (named without the key), or with authentication on and no way for any
 * caller to authenticate: no API key and no key to verify JWTs with.
 */
@ApplicationScoped
public class SecurityConfigCheck {

    /** The standard keys that give smallrye-jwt a verification key. */
    static final List<String> JWT_KEYS = List.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
            "smallrye.jwt.verify.key.location");

    void onStart(@Observes @Priority(3) StartupEvent event, ApiKeys keys, GatewayConfig gateway, Config config) {
        List<String> problems = new ArrayList<>(keys.problems());
        boolean jwt = JWT_KEYS.stream().anyMatch(key -> config.getOptionalValue(key, String.class).isPresent());
        if (gateway.auth().enabled() && keys.isEmpty() && !jwt && problems.isEmpty()) {
            problems.add("gateway.auth.enabled=true but neither gateway.auth.api-keys nor a JWT verification key "
                    + "(mp.jwt.verify.publickey.location) is configured: every request would be refused. Configure "
                    + "API keys (principal:key, from a Secret) or JWT verification, or set gateway.auth.enabled=false "
                    + "where the network already restricts who can call the gateway");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid authentication configuration, the service will not start:\n - "
                    + String.join("\n - ", problems));
        }
    }
}
