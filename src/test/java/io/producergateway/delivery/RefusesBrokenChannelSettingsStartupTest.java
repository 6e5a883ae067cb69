package io.producergateway.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.producergateway.config.ProducerSettings;
import io.producergateway.config.StartupRefusal;
import io.producergateway.config.TracingSettings;
import io.quarkus.test.QuarkusUnitTest;

/** Producer settings that break the seed's rules stop the start before any producer exists, each key named. */
class RefusesBrokenChannelSettingsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.of(
            jar -> jar.addClasses(ChannelSettingsCheck.class, ProducerSettings.class, TracingSettings.class,
                    Channels.class),
            "Invalid producer configuration, the service will not start",
            "mp.messaging.outgoing.events-out.enable.idempotence=true requires mp.messaging.outgoing.events-out.acks=all",
            "mp.messaging.connector.smallrye-kafka.compression.type=brotli is unknown",
            "mp.messaging.connector.smallrye-kafka.tracing-enabled=false disagrees with quarkus.otel.sdk.disabled=false")
            .overrideConfigKey("mp.messaging.outgoing.events-out.acks", "1")
            .overrideConfigKey("mp.messaging.connector.smallrye-kafka.tracing-enabled", "false")
            .overrideConfigKey("mp.messaging.connector.smallrye-kafka.compression.type", "brotli");

    @Test
    void serviceDoesNotStart() {
        // The extension asserts the failed start and its message.
    }
}
