package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RefusesZeroTimeoutStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.with("mp.messaging.outgoing.events-out.request.timeout.ms", "0",
            "mp.messaging.outgoing.events-out.request.timeout.ms must be a positive");

    @Test
    void serviceDoesNotStartAndNamesTheKeys() {
        // The extension asserts the failed start and its message.
    }
}
