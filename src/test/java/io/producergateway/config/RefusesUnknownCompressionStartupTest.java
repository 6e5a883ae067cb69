package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RefusesUnknownCompressionStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.with("mp.messaging.outgoing.events-out.compression.type", "brotli",
            "compression.type=brotli is unknown");

    @Test
    void serviceDoesNotStartAndNamesTheKeys() {
        // The extension asserts the failed start and its message.
    }
}
