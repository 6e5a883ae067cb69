package io.producergateway.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.producergateway.event.Delivery;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.TestConfig;
import io.quarkus.runtime.configuration.ConfigurationException;

/** X-Delivery, Prefer: respond-async and ?atomic become one delivery mode, or a 422. */
class DeliveryRequestTest {

    private final DeliveryRequest request = new DeliveryRequest(TestConfig.gateway(
            Map.of("gateway.delivery.profiles", "durable,leader")));

    @Test
    void theHeaderChoosesAnEnabledProfile() {
        assertEquals(new Delivery(DeliveryProfile.DURABLE, false, false), request.resolve(null, false, false));
        assertEquals(new Delivery(DeliveryProfile.LEADER, true, false), request.resolve(" Leader ", true, false));
        assertEquals("The delivery profile fire-and-forget is disabled on this gateway; enabled: [durable, leader]",
                refused(() -> request.resolve("fire-and-forget", false, false)));
        assertEquals("X-Delivery: eventually is not a delivery profile; use durable, leader or fire-and-forget",
                refused(() -> request.resolve("eventually", false, false)));
    }

    @Test
    void anAtomicBatchIsDurableAndSynchronous() {
        assertEquals(new Delivery(DeliveryProfile.DURABLE, false, true), request.resolve("durable", false, true));
        assertTrue(refused(() -> request.resolve("leader", false, true)).startsWith("Atomic batches are always durable"));
        assertTrue(refused(() -> request.resolve(null, true, true)).startsWith("Atomic batches are answered once"));
    }

    @Test
    void flagsAreTrueFalseOrAbsentAndNothingElse() {
        assertTrue(DeliveryRequest.flag("atomic", "TRUE"));
        assertFalse(DeliveryRequest.flag("atomic", ""));
        assertFalse(DeliveryRequest.flag("atomic", null));
        assertEquals("?atomic=1 is not a boolean; use atomic=true or atomic=false",
                refused(() -> DeliveryRequest.flag("atomic", "1")));
        assertTrue(DeliveryRequest.respondAsync("respond-async, wait=10"));
    }

    @Test
    void anUnknownProfileNameIsAConfigurationErrorNamingTheKey() {
        assertEquals(Set.of(DeliveryProfile.DURABLE, DeliveryProfile.FIRE_AND_FORGET),
                DeliveryRequest.enabled(List.of("durable", "fire-and-forget")));
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> DeliveryRequest.enabled(List.of("durable", "bogus")));
        assertTrue(refused.getMessage().contains("gateway.delivery.profiles names [bogus], which are not delivery "
                + "profiles"), refused.getMessage());
    }

    private static String refused(Runnable resolve) {
        GatewayException e = assertThrows(GatewayException.class, resolve::run);
        assertEquals(ProblemType.INVALID_FIELD, e.type());
        return e.getMessage();
    }
}
