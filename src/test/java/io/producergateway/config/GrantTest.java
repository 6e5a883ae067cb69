package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.TestConfig;

class GrantTest {

    @Test
    void aGrantMatchesWholeTopicNames() {
        Grant grant = Grant.parse("orders-service=orders-.*");
        assertEquals("orders-service", grant.principal());
        assertTrue(grant.allows("orders-eu"));
        assertFalse(grant.allows("x-orders-eu"), "a full match, not a find");
    }

    @Test
    void entriesAreReadFromTheCommaSeparatedKey() {
        List<Grant> grants = TestConfig.gateway(Map.of("gateway.auth.grants", "a=orders-.*, b = audit"))
                .auth().grants().orElseThrow();
        assertEquals(List.of("a", "b"), grants.stream().map(Grant::principal).toList());
        assertTrue(grants.get(1).allows("audit"));
    }

    @Test
    void malformedEntriesSayWhatIsWrong() {
        assertEquals("'orders' is not principal=regex",
                assertThrows(IllegalArgumentException.class, () -> Grant.parse("orders")).getMessage());
        assertEquals("'=orders' is not principal=regex",
                assertThrows(IllegalArgumentException.class, () -> Grant.parse("=orders")).getMessage());
        assertEquals("'svc=' is not principal=regex",
                assertThrows(IllegalArgumentException.class, () -> Grant.parse("svc=")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Grant.parse("svc=[a-")).getMessage()
                .startsWith("'svc=[a-' has an invalid regular expression"));
    }
}
