package io.producergateway.delivery;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * Leaves retrying to the Kafka producer. The connector reads a channel's {@code retries} as its own count of resends
 * of a record Kafka already reported failed; a resend is a new record (a duplicate if the first one was written after
 * all), and it turns a final refusal such as an invalid timestamp into a wait of {@code delivery.timeout.ms}. So the
 * channels set {@code retries=0} for the connector, and the producer itself gets Kafka's default: it retries what is
 * retriable, idempotently, until {@code delivery.timeout.ms}.
 */
@ApplicationScoped
public class ProducerRetries implements ClientCustomizer<Map<String, Object>> {

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (config.containsKey(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)) {
            config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        }
        return config;
    }
}
