package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RefusesNonPositiveGatewayTimeoutStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.with("gateway.delivery.timeout", "0s",
            "gateway.delivery.timeout must be positive");

    @Test
    void serviceDoesNotStartAndNamesTheKeys() {
        // The extension asserts the failed start and its message.
    }
}
