package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A value that does not convert to its type (an invalid regular expression, a malformed grant or partition range)
 * stops the start with the key named, before any bean exists that could answer a request with it.
 */
class RefusesUnconvertibleValuesStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.of(jar -> { },
            "gateway.topics.allowed", "orders-(",
            "gateway.auth.grants", "'svc=[a-' has an invalid regular expression",
            "gateway.partitioning.defaults.high", "0-x is not a partition range")
            .overrideConfigKey("gateway.topics.allowed", "orders-(")
            .overrideConfigKey("gateway.auth.grants", "svc=[a-")
            .overrideConfigKey("gateway.partitioning.defaults.high", "0-x");

    @Test
    void serviceDoesNotStart() {
        // The extension asserts the failed start and its message.
    }
}
