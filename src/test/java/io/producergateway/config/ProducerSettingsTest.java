package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The seed's rules for producer settings, each with the message a user reads. */
class ProducerSettingsTest {

    private static final String CHANNEL = "events-out";

    @Test
    void theShippedDefaultsAreValid() {
        assertEquals(List.of(), problems(Map.of("acks", "all", "enable.idempotence", "true",
                "max.in.flight.requests.per.connection", "5", "batch.size", "16384", "buffer.memory", "33554432",
                "compression.type", "none", "delivery.timeout.ms", "15000", "request.timeout.ms", "10000",
                "linger.ms", "5")));
    }

    @Test
    void idempotenceNeedsAcksAll() {
        assertOne(Map.of("acks", "1", "enable.idempotence", "true"),
                "mp.messaging.outgoing.events-out.enable.idempotence=true requires mp.messaging.outgoing.events-out.acks=all (it is 1)");
        assertEquals(List.of(), problems(Map.of("acks", "1", "enable.idempotence", "false")));
        assertEquals(List.of(), problems(Map.of("acks", "-1", "enable.idempotence", "true")));
    }

    @Test
    void idempotenceIsOnUnlessSwitchedOff() {
        assertOne(Map.of("acks", "0"), "enable.idempotence=true requires");
    }

    @Test
    void idempotenceAllowsAtMostFiveRequestsInFlight() {
        assertOne(Map.of("acks", "all", "max.in.flight.requests.per.connection", "6"),
                "max.in.flight.requests.per.connection <= 5 (it is 6)");
        assertEquals(List.of(), problems(Map.of("acks", "all", "enable.idempotence", "false",
                "max.in.flight.requests.per.connection", "6")));
    }

    @Test
    void batchNeverAboveTheBufferMemory() {
        assertOne(Map.of("acks", "all", "batch.size", "2000000", "buffer.memory", "1000000"),
                "batch.size=2000000 is larger than mp.messaging.outgoing.events-out.buffer.memory=1000000");
    }

    @Test
    void unknownCompressionIsRefused() {
        assertOne(Map.of("acks", "all", "compression.type", "brotli"), "compression.type=brotli is unknown");
        for (String known : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
            assertEquals(List.of(), problems(Map.of("acks", "all", "compression.type", known)), known);
        }
    }

    @Test
    void timeoutsMustBePositiveAndConsistent() {
        assertOne(Map.of("acks", "all", "request.timeout.ms", "0"), "request.timeout.ms must be a positive");
        assertOne(Map.of("acks", "all", "max.block.ms", "-1"), "max.block.ms must be a positive");
        assertOne(Map.of("acks", "all", "delivery.timeout.ms", "1000", "request.timeout.ms", "900", "linger.ms", "200"),
                "delivery.timeout.ms=1000 must be at least linger.ms + request.timeout.ms (1100)");
        assertOne(Map.of("acks", "all", "linger.ms", "x"), "linger.ms=x is not a whole number");
    }

    @Test
    void sharedKafkaKeysCountWhenTheChannelHasNone() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.acks", "1");
        List<String> problems = ProducerSettings.problems(CHANNEL, key -> Optional.ofNullable(config.get(key)));
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void connectorKeysApplyToEveryChannelAndTheChannelsOwnKeyWins() {
        Map<String, String> config = new HashMap<>();
        config.put("mp.messaging.outgoing." + CHANNEL + ".acks", "all");
        config.put("mp.messaging.connector.smallrye-kafka.request.timeout.ms", "0");
        config.put("kafka.request.timeout.ms", "5000");
        List<String> problems = ProducerSettings.problems(CHANNEL, key -> Optional.ofNullable(config.get(key)));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("mp.messaging.connector.smallrye-kafka.request.timeout.ms must be"),
                "the problem names the key the value came from: " + problems.get(0));

        config.put("mp.messaging.outgoing." + CHANNEL + ".request.timeout.ms", "3000");
        assertEquals(List.of(), ProducerSettings.problems(CHANNEL, key -> Optional.ofNullable(config.get(key))));
    }

    @Test
    void acksZeroIsAllowedWithoutIdempotenceAndFlaggedAsFireAndForget() {
        Map<String, String> settings = Map.of("acks", "0", "enable.idempotence", "false");
        assertEquals(List.of(), problems(settings));
        assertTrue(ProducerSettings.fireAndForget(CHANNEL, lookup(settings)));
    }

    private static void assertOne(Map<String, String> settings, String expected) {
        List<String> problems = problems(settings);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    private static List<String> problems(Map<String, String> settings) {
        return ProducerSettings.problems(CHANNEL, lookup(settings));
    }

    private static java.util.function.Function<String, Optional<String>> lookup(Map<String, String> settings) {
        return key -> key.startsWith("mp.messaging.outgoing." + CHANNEL + ".")
                ? Optional.ofNullable(settings.get(key.substring(("mp.messaging.outgoing." + CHANNEL + ".").length())))
                : Optional.empty();
    }
}
