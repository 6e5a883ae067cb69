package io.producergateway.config;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Priority partitioning: which partitions each priority level may use, per topic. Ranges are inclusive partition
 * numbers: {@code 0-1}, {@code 5}, or a list {@code 0-1,4} ({@link PartitionRange}).
 */
@ConfigMapping(prefix = "gateway.partitioning")
public interface PartitioningConfig {

    /** The priority levels callers may name (our API's {@code priority} field, the v2 {@code X-Priority} header). */
    @WithDefault("high,normal,low")
    List<String> levels();

    /**
     * Partition ranges per topic and level: {@code gateway.partitioning.topics."orders".high=0-1}. Checked against
     * the topic's real partition count at startup.
     */
    Map<String, Map<String, @WithConverter(PartitionRange.Parser.class) PartitionRange>> topics();

    /**
     * Partition ranges per level for topics not listed in {@code topics}: {@code gateway.partitioning.defaults.high=0}.
     * Unset: a priority on such a topic does not restrict its partitions.
     */
    Map<String, @WithConverter(PartitionRange.Parser.class) PartitionRange> defaults();
}
