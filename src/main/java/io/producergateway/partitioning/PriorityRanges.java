package io.producergateway.partitioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.config.PartitioningConfig;
import io.producergateway.ingest.GatewayException;
import io.producergateway.ingest.ProblemType;

/**
 * The partitions each priority level may use, per topic, parsed once from {@link PartitioningConfig}. A range that
 * does not fit a topic is an error, never a silent modulo.
 */
@ApplicationScoped
public class PriorityRanges {

    private final Set<String> levels;
    private final Map<String, Map<String, int[]>> byTopic = new HashMap<>();
    private final Map<String, int[]> defaults;
    private final List<String> problems = new ArrayList<>();

    public PriorityRanges(PartitioningConfig config) {
        this.levels = Set.copyOf(config.levels());
        config.topics().forEach((topic, ranges) -> byTopic.put(topic, parse("gateway.partitioning.topics.\"" + topic
                + "\"", ranges)));
        this.defaults = parse("gateway.partitioning.defaults", config.defaults());
    }

    /** Configuration errors that need no cluster: unknown levels, ranges that do not parse. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The topics with ranges of their own. */
    public Set<String> configuredTopics() {
        return byTopic.keySet();
    }

    /**
     * The partitions of a level on a topic, or null when the level does not restrict the topic.
     *
     * @throws GatewayException invalid-field for an unknown level, partition-out-of-range when the range does not
     *         fit the topic's partitions
     */
    public int[] partitions(String topic, String level, int partitionCount) {
        if (!levels.contains(level)) {
            throw new GatewayException(ProblemType.INVALID_FIELD, "Unknown priority " + level + ": use one of "
                    + new TreeSet<>(levels));
        }
        int[] range = byTopic.getOrDefault(topic, defaults).get(level);
        if (range != null && range[range.length - 1] >= partitionCount) {
            throw new GatewayException(ProblemType.PARTITION_OUT_OF_RANGE, "Priority " + level + " maps to partition "
                    + range[range.length - 1] + " but topic " + topic + " has " + partitionCount + " partitions");
        }
        return range;
    }

    /** Checks a configured topic against its real partition count; the problem, or null when it fits. */
    public String mismatch(String topic, int partitionCount) {
        for (Map.Entry<String, int[]> level : byTopic.getOrDefault(topic, Map.of()).entrySet()) {
            int[] range = level.getValue();
            if (range[range.length - 1] >= partitionCount) {
                return "gateway.partitioning.topics.\"" + topic + "\"." + level.getKey() + " uses partition "
                        + range[range.length - 1] + " but topic " + topic + " has " + partitionCount
                        + " partitions (0 to " + (partitionCount - 1) + "): fix the range or add partitions";
            }
        }
        return null;
    }

    private Map<String, int[]> parse(String prefix, Map<String, String> ranges) {
        Map<String, int[]> parsed = new HashMap<>();
        ranges.forEach((level, text) -> {
            if (!levels.contains(level)) {
                problems.add(prefix + "." + level + ": " + level + " is not a priority level; levels are "
                        + new TreeSet<>(levels) + " (gateway.partitioning.levels)");
                return;
            }
            int[] partitions = parseRange(text);
            if (partitions == null) {
                problems.add(prefix + "." + level + "=" + text + " is not a partition range: use 0-3, 5 or 0-1,4");
            } else {
                parsed.put(level, partitions);
            }
        });
        return parsed;
    }

    /** Sorted distinct partitions of "0-3", "5" or "0-1,4"; null when the text is not such a list. */
    static int[] parseRange(String text) {
        TreeSet<Integer> partitions = new TreeSet<>();
        for (String part : text.split(",")) {
            String[] bounds = part.trim().split("-", -1);
            try {
                int from = Integer.parseInt(bounds[0].trim());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
                if (bounds.length > 2 || from < 0 || to < from || to - from > 100_000) {
                    return null;
                }
                for (int p = from; p <= to; p++) {
                    partitions.add(p);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return partitions.isEmpty() ? null : partitions.stream().mapToInt(Integer::intValue).toArray();
    }
}
