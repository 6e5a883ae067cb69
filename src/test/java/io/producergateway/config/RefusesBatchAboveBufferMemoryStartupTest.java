package io.producergateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RefusesBatchAboveBufferMemoryStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.with("mp.messaging.outgoing.events-out.batch.size", "67108864",
            "mp.messaging.outgoing.events-out.batch.size=67108864 is larger than mp.messaging.outgoing.events-out.buffer.memory");

    @Test
    void serviceDoesNotStartAndNamesTheKeys() {
        // The extension asserts the failed start and its message.
    }
}
