package io.producergateway.delivery;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What the gateway needs to know of a topic to refuse up front what its brokers would refuse: its partitions, the
 * largest record ({@code max.message.bytes}) and how far a record's timestamp may be from the broker's clock
 * ({@code message.timestamp.after.max.ms} / {@code before.max.ms}; unbounded when the topic uses LogAppendTime).
 */
public record TopicInfo(int partitions, int maxMessageBytes, long maxTimestampAheadMillis,
        long maxTimestampBehindMillis) {

    /** A topic whose records are limited only by their size. */
    public TopicInfo(int partitions, int maxMessageBytes) {
        this(partitions, maxMessageBytes, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    static TopicInfo of(int partitions, Config config) {
        int maxMessageBytes = (int) Math.min(Integer.MAX_VALUE, number(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
        if ("LogAppendTime".equals(value(config, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG))) {
            return new TopicInfo(partitions, maxMessageBytes); // the broker sets the timestamp itself
        }
        return new TopicInfo(partitions, maxMessageBytes,
                number(config, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG),
                number(config, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG));
    }

    /** A setting's value; unbounded when the broker did not say. */
    private static long number(Config config, String name) {
        try {
            String value = value(config, name);
            return value == null ? Long.MAX_VALUE : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null ? null : entry.value();
    }
}
