package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.producergateway.schema.GovernedTopics.Governing;
import io.producergateway.testing.TestConfig;

/** Which subject and version gateway.schemas.topics."&lt;topic&gt;" sets for a topic's keys and values. */
class GovernedTopicsTest {

    private final GovernedTopics topics = new GovernedTopics(TestConfig.gateway(Map.of(
            "gateway.schema-registry.url", "http://registry:8081",
            "gateway.schemas.topics.orders.value", "latest",
            "gateway.schemas.topics.\"audit.v1\".key", " 3 ",
            "gateway.schemas.topics.\"audit.v1\".key-subject", "audit-keys",
            "gateway.schemas.topics.\"audit.v1\".value", "12")).schemas().topics());

    @Test
    void aGovernedPartUsesItsSubjectAtLatestOrAtItsPinnedVersion() {
        assertEquals(Optional.of(new Governing("orders-value", GovernedTopics.LATEST)),
                topics.governing("orders", false));
        assertEquals(Optional.of(new Governing("audit-keys", 3)), topics.governing("audit.v1", true));
        assertEquals(Optional.of(new Governing("audit.v1-value", 12)), topics.governing("audit.v1", false));
    }

    @Test
    void whatIsNotConfiguredIsNotGoverned() {
        assertTrue(topics.governs("orders"));
        assertEquals(Optional.empty(), topics.governing("orders", true));
        assertFalse(topics.governs("payments"));
        assertEquals(Optional.empty(), topics.governing("payments", false));
    }
}
