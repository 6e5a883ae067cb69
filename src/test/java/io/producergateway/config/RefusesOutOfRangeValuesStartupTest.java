package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A value of the right type but out of range stops the start, every offending key named in one message. */
class RefusesOutOfRangeValuesStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.of(jar -> { },
            "Invalid configuration, the service will not start",
            "gateway.delivery.timeout must be positive (it is PT0S)",
            "gateway.ingest.max-events-per-request=500 is above gateway.delivery.max-in-flight=100",
            "gateway.partitioning.defaults.urgent: urgent is not a priority level")
            .overrideConfigKey("gateway.delivery.timeout", "0s")
            .overrideConfigKey("gateway.delivery.max-in-flight", "100")
            .overrideConfigKey("gateway.ingest.max-events-per-request", "500")
            .overrideConfigKey("gateway.partitioning.defaults.urgent", "0");

    @Test
    void serviceDoesNotStart() {
        // The extension asserts the failed start and its message.
    }
}
