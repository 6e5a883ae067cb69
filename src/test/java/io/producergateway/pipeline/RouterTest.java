package io.producergateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.opentelemetry.context.Context;
import io.producergateway.delivery.TopicInfo;
import io.producergateway.event.GatewayException;
import io.producergateway.event.GatewayException.Violation;
import io.producergateway.event.ProblemType;
import io.producergateway.partitioning.DefaultPartitionStrategy;
import io.producergateway.partitioning.PriorityRanges;
import io.producergateway.testing.Events;
import io.producergateway.testing.TestConfig;

/** Every event is placed, or the request is refused listing each event that cannot be, by index and field. */
class RouterTest {

    private final Router router = new Router(new DefaultPartitionStrategy(new PriorityRanges(
            TestConfig.partitioning(Map.of("gateway.partitioning.defaults.high", "0-7")))));

    @Test
    void everyEventIsPlacedInRequestOrder() {
        RoutedBatch batch = router.route("orders", new TopicInfo(4, 1000),
                List.of(Events.withPartition("a", 3), Events.keyless("b")), 0, Context.root());
        assertEquals(List.of(3, 0), batch.events().stream().map(Routed::partition).toList());
        assertEquals("orders", batch.topic());
    }

    @Test
    void eachEventThatCannotBePlacedIsListedWithTheFieldAtFault() {
        GatewayException refused = assertThrows(GatewayException.class, () -> router.route("orders",
                new TopicInfo(4, 1000), List.of(Events.keyless("fine"), Events.withPriority("p", "k", "high"),
                        Events.ofValueBytes("big", 1001), Events.withPartition("x", 9)), 0, Context.root()));
        assertEquals(ProblemType.PARTITION_OUT_OF_RANGE, refused.type(), "the first violation's type");
        assertEquals(4, refused.events());
        List<Violation> violations = refused.violations();
        assertEquals(List.of(1, 2, 3), violations.stream().map(Violation::index).toList());
        assertEquals(List.of("priority", "value", "partition"), violations.stream().map(Violation::field).toList());
        assertEquals(ProblemType.RECORD_TOO_LARGE.type(), violations.get(1).type());
        assertEquals("The record has 1001 bytes; topic orders takes at most 1000 (max.message.bytes)",
                violations.get(1).detail());
    }
}
