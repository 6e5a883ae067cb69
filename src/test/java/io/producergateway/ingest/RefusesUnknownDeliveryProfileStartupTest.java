package io.producergateway.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.producergateway.config.StartupRefusal;
import io.producergateway.event.Delivery;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A delivery profile name that is none of ours stops the start (it used to start, report ready, and answer every
 * produce request 500 from a bean created on first use).
 */
class RefusesUnknownDeliveryProfileStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.of(
            jar -> jar.addClasses(DeliveryRequest.class, Delivery.class, DeliveryProfile.class, GatewayException.class,
                    ProblemType.class, EventFields.class),
            "gateway.delivery.profiles names [bogus], which are not delivery profiles")
            .overrideConfigKey("gateway.delivery.profiles", "durable,bogus");

    @Test
    void serviceDoesNotStart() {
        // The extension asserts the failed start and its message.
    }
}
