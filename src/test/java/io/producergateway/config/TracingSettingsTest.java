package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Tracing's two switches, the SDK's and the connector's, are on together or off together. */
class TracingSettingsTest {

    private static final List<String> CHANNELS = List.of("events-out", "dead-letters");

    @Test
    void bothOffAndBothOnAreValid() {
        assertEquals(List.of(), problems(Map.of("quarkus.otel.sdk.disabled", "true",
                "mp.messaging.connector.smallrye-kafka.tracing-enabled", "false")));
        assertEquals(List.of(), problems(Map.of("quarkus.otel.sdk.disabled", "false",
                "mp.messaging.connector.smallrye-kafka.tracing-enabled", "true")));
    }

    @Test
    void theSdkOnWithTheConnectorsTracingOffIsNamedOnce() {
        assertEquals(List.of("mp.messaging.connector.smallrye-kafka.tracing-enabled=false disagrees with "
                + "quarkus.otel.sdk.disabled=false: tracing is switched on by setting both (quarkus.otel.sdk.disabled="
                + "false, mp.messaging.connector.smallrye-kafka.tracing-enabled=true) and off by setting both back"),
                problems(Map.of("quarkus.otel.sdk.disabled", "false",
                        "mp.messaging.connector.smallrye-kafka.tracing-enabled", "false")));
    }

    @Test
    void aChannelsOwnSwitchWinsAndIsNamed() {
        List<String> problems = problems(Map.of("quarkus.otel.sdk.disabled", "true",
                "mp.messaging.connector.smallrye-kafka.tracing-enabled", "false",
                "mp.messaging.outgoing.dead-letters.tracing-enabled", "true"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("mp.messaging.outgoing.dead-letters.tracing-enabled=true "
                + "disagrees with quarkus.otel.sdk.disabled=true"), problems.get(0));
    }

    @Test
    void theExtensionsDefaultsAreBothOn() {
        assertEquals(List.of(), problems(Map.of()));
    }

    private static List<String> problems(Map<String, String> config) {
        return TracingSettings.problems(CHANNELS, key -> Optional.ofNullable(config.get(key)));
    }
}
