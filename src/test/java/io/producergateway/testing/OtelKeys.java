package io.producergateway.testing;

import java.util.Map;
import java.util.TreeMap;

import io.quarkus.opentelemetry.runtime.config.build.OTelBuildConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.OTelRuntimeConfig;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfigBuilder;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterRuntimeConfig;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The configuration keys of Quarkus' OpenTelemetry extension ({@code quarkus.otel.*}) as its mappings declare them,
 * with the defaults the extension gives them (the OTLP exporter's come from its config builder, not the mapping).
 */
public final class OtelKeys {

    private OtelKeys() {
    }

    /** Every key with its default; null for a key without one. */
    public static Map<String, String> withDefaults() {
        SmallRyeConfig exporterDefaults = new OtlpExporterConfigBuilder().configBuilder(new SmallRyeConfigBuilder())
                .build();
        Map<String, String> keys = new TreeMap<>();
        for (Class<?> mapping : new Class<?>[] { OTelBuildConfig.class, OTelRuntimeConfig.class }) {
            add(mapping, "quarkus.otel", exporterDefaults, keys);
        }
        add(OtlpExporterRuntimeConfig.class, "quarkus.otel.exporter.otlp", exporterDefaults, keys);
        return keys;
    }

    private static void add(Class<?> mapping, String prefix, SmallRyeConfig exporterDefaults,
            Map<String, String> keys) {
        ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix)).forEach((key, property) ->
                keys.put(key, property.hasDefaultValue() ? property.getDefaultValue()
                        : exporterDefaults.getOptionalValue(key, String.class).orElse(null)));
    }
}
