package io.producergateway.testing;

import java.time.Duration;
import java.util.Map;

import io.producergateway.config.GatewayConfig;
import io.producergateway.config.PartitioningConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The gateway's configuration mappings as SmallRye Config builds them, defaults, converters and all, from the given
 * values: for unit tests, with no Quarkus application.
 */
public final class TestConfig {

    private TestConfig() {
    }

    public static SmallRyeConfig of(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withMapping(PartitioningConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 100))
                // Quarkus' own form of durations (20s, 1h), as the application reads them
                .withConverter(Duration.class, 200, new DurationConverter())
                .build();
    }

    public static GatewayConfig gateway(Map<String, String> values) {
        return of(values).getConfigMapping(GatewayConfig.class);
    }

    public static PartitioningConfig partitioning(Map<String, String> values) {
        return of(values).getConfigMapping(PartitioningConfig.class);
    }
}
