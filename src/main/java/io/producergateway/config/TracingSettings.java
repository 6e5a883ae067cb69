package io.producergateway.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tracing has two switches that must agree: the OpenTelemetry SDK ({@code quarkus.otel.sdk.disabled}: the request's
 * server span, the export) and the Kafka connector's ({@code tracing-enabled}: the record's producer span and its
 * {@code traceparent}). With the SDK on and a channel's tracing off, that channel's records lose the request's trace;
 * with the SDK off and a channel's on, every record gets a trace of its own that no collector ever sees.
 */
public final class TracingSettings {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String CONNECTOR_TRACING = "mp.messaging.connector.smallrye-kafka.tracing-enabled";

    private TracingSettings() {
    }

    /**
     * @param config reads a property by full name
     * @return a problem per key whose tracing switch disagrees with the SDK's (the connector's once for every channel
     *         that follows it), naming the keys and the fix
     */
    public static List<String> problems(List<String> channels, Function<String, Optional<String>> config) {
        boolean sdkOn = !Boolean.parseBoolean(config.apply(SDK_DISABLED).orElse("false"));
        Set<String> problems = new LinkedHashSet<>();
        for (String channel : channels) {
            String channelKey = "mp.messaging.outgoing." + channel + ".tracing-enabled";
            Optional<String> own = config.apply(channelKey);
            String key = own.isPresent() ? channelKey : CONNECTOR_TRACING;
            boolean channelOn = Boolean.parseBoolean(own.or(() -> config.apply(CONNECTOR_TRACING)).orElse("true"));
            if (channelOn != sdkOn) {
                problems.add(key + "=" + channelOn + " disagrees with " + SDK_DISABLED + "=" + !sdkOn + ": tracing is "
                        + "switched on by setting both (" + SDK_DISABLED + "=false, " + key + "=true) and off by "
                        + "setting both back");
            }
        }
        return List.copyOf(problems);
    }
}
