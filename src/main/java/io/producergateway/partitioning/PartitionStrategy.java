package io.producergateway.partitioning;

import io.producergateway.event.Event;

/**
 * Decides the partition of every event before it is handed to Kafka. The gateway always sets the partition on the
 * record, so Kafka's own partitioner never runs and the choice made here is the one that happens.
 * <p>
 * Replace it by a bean of your own annotated {@code @Alternative @Priority(1) @ApplicationScoped}.
 */
public interface PartitionStrategy {

    /**
     * @param topic the topic, which exists
     * @param partitionCount the topic's current number of partitions
     * @return the choice; a partition in {@code [0, partitionCount)}
     * @throws io.producergateway.event.GatewayException with a 4xx type when the event cannot be placed, naming the
     *         event's field ({@link io.producergateway.event.GatewayException#ofField})
     */
    PartitionChoice choose(String topic, int partitionCount, Event event);
}
