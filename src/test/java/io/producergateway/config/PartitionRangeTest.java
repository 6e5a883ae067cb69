package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.producergateway.testing.TestConfig;

class PartitionRangeTest {

    @Test
    void rangesSinglesAndListsBecomeSortedDistinctPartitions() {
        assertEquals(new PartitionRange(new int[] { 0, 1, 2, 3 }), PartitionRange.parse("0-3"));
        assertEquals(new PartitionRange(new int[] { 5 }), PartitionRange.parse("5"));
        assertEquals(new PartitionRange(new int[] { 0, 1, 4 }), PartitionRange.parse("4, 0-1,1"));
        assertEquals(4, PartitionRange.parse("0-1,4").highest());
    }

    @Test
    void theConfigurationConvertsRangesPerTopicAndLevel() {
        PartitioningConfig config = TestConfig.partitioning(Map.of(
                "gateway.partitioning.topics.\"orders.eu\".high", "0-1",
                "gateway.partitioning.defaults.low", "7"));
        assertEquals(PartitionRange.parse("0-1"), config.topics().get("orders.eu").get("high"));
        assertEquals(PartitionRange.parse("7"), config.defaults().get("low"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a", "3-1", "-1", "0-1-2", "1,", "0-200001", "2147483648" })
    void anythingElseIsRefusedWithTheForms(String text) {
        assertEquals(text + " is not a partition range: use 0-3, 5 or 0-1,4",
                assertThrows(IllegalArgumentException.class, () -> PartitionRange.parse(text)).getMessage());
    }
}
