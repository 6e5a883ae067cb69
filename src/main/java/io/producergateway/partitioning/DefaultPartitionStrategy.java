package io.producergateway.partitioning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.utils.Utils;

import io.producergateway.config.PartitionRange;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * The gateway's partitioning: an explicit partition wins; a priority level with a configured range keeps the event
 * inside that range (the key hashed over the range, or round-robin inside it); a key goes where the Java client's
 * default partitioner would put it ({@code toPositive(murmur2(key)) % partitions}); a keyless event goes round-robin,
 * one partition after the other, so N events spread floor(N/P) or ceil(N/P) per partition whatever the batching.
 * <p>
 * Computed here from cached topic metadata rather than in a Kafka {@code Partitioner}: Kafka instantiates
 * partitioners by reflection, outside CDI, which would need registration for native images and a side channel
 * for the bean; a plain CDI bean needs neither and can be replaced like any other.
 */
@ApplicationScoped
public class DefaultPartitionStrategy implements PartitionStrategy {

    private final PriorityRanges priorities;
    /** Round-robin position per topic, and per topic and priority level ("topic level" keys). */
    private final Map<String, AtomicInteger> nextPartition = new ConcurrentHashMap<>();

    public DefaultPartitionStrategy(PriorityRanges priorities) {
        this.priorities = priorities;
    }

    @Override
    public PartitionChoice choose(String topic, int partitionCount, Event event) {
        if (event.partition() != null) {
            return new PartitionChoice(explicit(topic, partitionCount, event.partition()), "explicit");
        }
        if (event.priority() != null) {
            PartitionRange range = priorities.partitions(topic, event.priority(), partitionCount);
            if (range != null) {
                int index = event.key() != null ? keyHash(event.key(), range.size())
                        : roundRobin(topic + " " + event.priority(), range.size());
                return new PartitionChoice(range.get(index), "priority:" + event.priority());
            }
        }
        if (event.key() != null) {
            return new PartitionChoice(keyHash(event.key(), partitionCount), "key-hash");
        }
        return new PartitionChoice(roundRobin(topic, partitionCount), "round-robin");
    }

    /** The Java client's default partition for a key: {@code toPositive(murmur2(key)) % partitions}. */
    public static int keyHash(byte[] key, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }

    private int roundRobin(String position, int partitionCount) {
        int next = nextPartition.computeIfAbsent(position, t -> new AtomicInteger()).getAndIncrement();
        return Math.floorMod(next, partitionCount);
    }

    private static int explicit(String topic, int partitionCount, int partition) {
        if (partition < 0 || partition >= partitionCount) {
            throw GatewayException.ofField(ProblemType.PARTITION_OUT_OF_RANGE, "partition", "Partition " + partition
                    + " does not exist: topic " + topic + " has partitions 0 to " + (partitionCount - 1));
        }
        return partition;
    }
}
