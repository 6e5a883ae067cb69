package io.producergateway.partitioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.Events;
import io.producergateway.testing.TestConfig;

/** The partition of each kind of event, without a broker. */
class DefaultPartitionStrategyTest {

    private final DefaultPartitionStrategy strategy = new DefaultPartitionStrategy(new PriorityRanges(
            TestConfig.partitioning(Map.of("gateway.partitioning.topics.\"orders\".high", "0-1",
                    "gateway.partitioning.defaults.high", "5"))));

    @Test
    void anExplicitPartitionWinsAndMustExist() {
        assertEquals(new PartitionChoice(3, "explicit"), strategy.choose("orders", 4, Events.withPartition("a", 3)));
        GatewayException refused = assertThrows(GatewayException.class,
                () -> strategy.choose("orders", 4, Events.withPartition("a", 4)));
        assertEquals(ProblemType.PARTITION_OUT_OF_RANGE, refused.type());
        assertEquals("partition", refused.field());
    }

    @Test
    void aKeyGoesWhereKafkasOwnPartitionerPutsIt() {
        for (int i = 0; i < 200; i++) {
            String key = "customer-" + i;
            int kafkas = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 12);
            assertEquals(new PartitionChoice(kafkas, "key-hash"), strategy.choose("orders", 12, Events.keyed("e", key)));
        }
    }

    @Test
    void keylessEventsTakeThePartitionsInTurn() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            PartitionChoice choice = strategy.choose("spread", 6, Events.keyless("e" + i));
            assertEquals("round-robin", choice.reason());
            counts.merge(choice.partition(), 1, Integer::sum);
        }
        assertEquals(6, counts.size());
        counts.values().forEach(n -> assertEquals(100 / 6, n, 1, "floor or ceil of 100/6: " + counts));
    }

    @Test
    void aPriorityKeepsTheEventInsideItsRange() {
        for (int i = 0; i < 50; i++) {
            PartitionChoice keyed = strategy.choose("orders", 12, Events.withPriority("e", "k" + i, "high"));
            assertEquals("priority:high", keyed.reason());
            assertEquals(true, keyed.partition() <= 1, keyed.toString());
        }
        assertEquals(new PartitionChoice(5, "priority:high"),
                strategy.choose("payments", 12, Events.withPriority("e", null, "high")), "the default range");
        assertEquals("key-hash", strategy.choose("orders", 12, Events.withPriority("e", "k", "low")).reason(),
                "a level without a range does not restrict the topic");
    }

    @Test
    void aPriorityThatDoesNotFitIsAProblemOfThePriorityField() {
        GatewayException beyond = assertThrows(GatewayException.class,
                () -> strategy.choose("payments", 4, Events.withPriority("e", "k", "high")));
        assertEquals(ProblemType.PARTITION_OUT_OF_RANGE, beyond.type());
        assertEquals("priority", beyond.field());
        GatewayException unknown = assertThrows(GatewayException.class,
                () -> strategy.choose("orders", 12, Events.withPriority("e", "k", "urgent")));
        assertEquals(ProblemType.INVALID_FIELD, unknown.type());
        assertEquals("priority", unknown.field());
    }
}
