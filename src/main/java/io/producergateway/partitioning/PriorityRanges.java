package io.producergateway.partitioning;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.config.PartitionRange;
import io.producergateway.config.PartitioningConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * The partitions each priority level may use, per topic, from {@link PartitioningConfig} (converted and checked at
 * startup). A range that does not fit a topic is an error, never a silent modulo.
 */
@ApplicationScoped
public class PriorityRanges {

    private final Set<String> levels;
    private final Map<String, Map<String, PartitionRange>> byTopic;
    private final Map<String, PartitionRange> defaults;

    public PriorityRanges(PartitioningConfig config) {
        this.levels = new TreeSet<>(config.levels());
        this.byTopic = config.topics();
        this.defaults = config.defaults();
    }

    /** The topics with ranges of their own. */
    public Set<String> configuredTopics() {
        return byTopic.keySet();
    }

    /**
     * The partitions of a level on a topic, or null when the level does not restrict the topic.
     *
     * @throws GatewayException of the {@code priority} field: invalid-field for an unknown level,
     *         partition-out-of-range when the range does not fit the topic's partitions
     */
    public PartitionRange partitions(String topic, String level, int partitionCount) {
        if (!levels.contains(level)) {
            throw GatewayException.ofField(ProblemType.INVALID_FIELD, "priority", "Unknown priority " + level
                    + ": use one of " + levels);
        }
        PartitionRange range = byTopic.getOrDefault(topic, defaults).get(level);
        if (range != null && range.highest() >= partitionCount) {
            throw GatewayException.ofField(ProblemType.PARTITION_OUT_OF_RANGE, "priority", "Priority " + level
                    + " maps to partition " + range.highest() + " but topic " + topic + " has " + partitionCount
                    + " partitions");
        }
        return range;
    }

    /** Checks a configured topic against its real partition count; the problem, or null when it fits. */
    public String mismatch(String topic, int partitionCount) {
        for (Map.Entry<String, PartitionRange> level : byTopic.getOrDefault(topic, Map.of()).entrySet()) {
            int highest = level.getValue().highest();
            if (highest >= partitionCount) {
                return "gateway.partitioning.topics.\"" + topic + "\"." + level.getKey() + " uses partition " + highest
                        + " but topic " + topic + " has " + partitionCount + " partitions (0 to "
                        + (partitionCount - 1) + "): fix the range or add partitions";
            }
        }
        return null;
    }
}
