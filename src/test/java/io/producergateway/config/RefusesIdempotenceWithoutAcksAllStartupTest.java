package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RefusesIdempotenceWithoutAcksAllStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.with("mp.messaging.outgoing.events-out.acks", "1",
            "mp.messaging.outgoing.events-out.enable.idempotence=true requires mp.messaging.outgoing.events-out.acks=all");

    @Test
    void serviceDoesNotStartAndNamesTheKeys() {
        // The extension asserts the failed start and its message.
    }
}
