package io.producergateway.config;

import java.util.Arrays;
import java.util.TreeSet;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * The partitions a priority level may use on a topic: {@code 0-3}, {@code 5} or a list {@code 0-1,4}, inclusive.
 * SmallRye Config converts a configured value with {@link Parser} at startup, so a range that does not parse stops
 * the service with the key named.
 *
 * @param partitions the partitions, sorted and distinct
 */
public record PartitionRange(int[] partitions) {

    /** The widest range one entry may span; a larger one is a typo, not a topic. */
    static final int MAX_SPAN = 100_000;

    public PartitionRange {
        partitions = partitions.clone();
    }

    /** @throws IllegalArgumentException when the text is not such a list */
    public static PartitionRange parse(String text) {
        TreeSet<Integer> partitions = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String[] bounds = part.trim().split("-", -1);
            try {
                int from = Integer.parseInt(bounds[0].trim());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : from;
                if (bounds.length > 2 || from < 0 || to < from || to - from > MAX_SPAN) {
                    throw notARange(text);
                }
                for (int p = from; p <= to; p++) {
                    partitions.add(p);
                }
            } catch (NumberFormatException e) {
                throw notARange(text);
            }
        }
        return new PartitionRange(partitions.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The highest partition of the range: it must exist in the topic. */
    public int highest() {
        return partitions[partitions.length - 1];
    }

    public int size() {
        return partitions.length;
    }

    public int get(int index) {
        return partitions[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionRange range && Arrays.equals(partitions, range.partitions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(partitions);
    }

    @Override
    public String toString() {
        return Arrays.toString(partitions);
    }

    private static IllegalArgumentException notARange(String text) {
        return new IllegalArgumentException(text + " is not a partition range: use 0-3, 5 or 0-1,4");
    }

    /** The converter of configured ranges. */
    public static final class Parser implements Converter<PartitionRange> {
        @Override
        public PartitionRange convert(String value) {
            return parse(value.trim());
        }
    }
}
