package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.TestConfig;
import io.smallrye.config.SmallRyeConfig;

/** What the startup check refuses, each problem naming its key; the defaults pass. */
class GatewayConfigCheckTest {

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void everyOutOfRangeValueIsNamedInOneList() {
        List<String> problems = problems(Map.of(
                "gateway.delivery.timeout", "0s",
                "gateway.topics.lookup-timeout", "-1s",
                "gateway.delivery.max-in-flight", "0",
                "gateway.stream.window", "0",
                "gateway.auth.max-streams-per-principal", "0",
                "gateway.shutdown.drain-timeout", "-5s",
                "gateway.instance-id", " "));
        assertTrue(problems.contains("gateway.delivery.timeout must be positive (it is PT0S)"), problems.toString());
        assertTrue(problems.contains("gateway.topics.lookup-timeout must be positive (it is PT-1S)"), problems.toString());
        assertTrue(problems.contains("gateway.delivery.max-in-flight must be at least 1 (it is 0)"), problems.toString());
        assertTrue(problems.contains("gateway.stream.window must be at least 1 (it is 0)"), problems.toString());
        assertTrue(problems.contains("gateway.auth.max-streams-per-principal must be at least 1 (it is 0)"),
                problems.toString());
        assertTrue(problems.contains("gateway.shutdown.drain-timeout must not be negative (it is PT-5S)"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("gateway.instance-id must not be blank")),
                problems.toString());
    }

    @Test
    void aRequestThatCouldNeverBeAdmittedIsRefused() {
        List<String> problems = problems(Map.of("gateway.delivery.max-in-flight", "100",
                "gateway.ingest.max-events-per-request", "101"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("gateway.ingest.max-events-per-request=101 is above "
                + "gateway.delivery.max-in-flight=100"), problems.get(0));
    }

    @Test
    void rangesMayOnlyNameConfiguredLevels() {
        List<String> problems = problems(Map.of("gateway.partitioning.levels", "gold,silver",
                "gateway.partitioning.topics.\"orders\".gold", "0",
                "gateway.partitioning.topics.\"orders\".high", "1",
                "gateway.partitioning.defaults.bronze", "2"));
        assertEquals(List.of(
                "gateway.partitioning.topics.\"orders\".high: high is not a priority level; levels are [gold, silver] "
                        + "(gateway.partitioning.levels)",
                "gateway.partitioning.defaults.bronze: bronze is not a priority level; levels are [gold, silver] "
                        + "(gateway.partitioning.levels)"), problems);
    }

    private static List<String> problems(Map<String, String> values) {
        SmallRyeConfig config = TestConfig.of(values);
        return GatewayConfigCheck.problems(config.getConfigMapping(GatewayConfig.class),
                config.getConfigMapping(PartitioningConfig.class));
    }
}
