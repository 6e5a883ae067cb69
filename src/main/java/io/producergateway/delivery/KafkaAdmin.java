package io.producergateway.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.producergateway.config.GatewayConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * The one admin client of the service (topic metadata, priority range checks, readiness), configured from the shared
 * {@code kafka.*} settings with every call bounded by {@code gateway.topics.lookup-timeout}.
 */
@ApplicationScoped
public class KafkaAdmin {

    private final Admin admin;
    private final int timeoutMillis;

    public KafkaAdmin(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.timeoutMillis = (int) config.topics().lookupTimeout().toMillis();
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "producer-gateway-admin");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
        this.admin = Admin.create(settings);
    }

    public Admin client() {
        return admin;
    }

    /** The bound of every admin call, in milliseconds. */
    public int timeoutMillis() {
        return timeoutMillis;
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
