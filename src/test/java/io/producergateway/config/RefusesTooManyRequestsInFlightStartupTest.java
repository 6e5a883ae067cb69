package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RefusesTooManyRequestsInFlightStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.with("mp.messaging.outgoing.events-out.max.in.flight.requests.per.connection", "6",
            "max.in.flight.requests.per.connection <= 5");

    @Test
    void serviceDoesNotStartAndNamesTheKeys() {
        // The extension asserts the failed start and its message.
    }
}
