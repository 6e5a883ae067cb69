package io.producergateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One real schema registry for the whole test run: started by the first test that needs it, stopped when the JVM
 * exits. Tests share it by owning their subjects. A {@code @QuarkusTest} that uses it gets
 * {@code gateway.schema-registry.url}; the others run without a registry, as the service does by default.
 */
public class SharedSchemaRegistry implements QuarkusTestResourceLifecycleManager {

    private static SchemaRegistryServer server;

    public static synchronized SchemaRegistryServer server() {
        if (server == null) {
            server = SchemaRegistryServer.start("shared");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shared-schema-registry-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("gateway.schema-registry.url", server().confluentUrl());
    }

    @Override
    public void stop() {
        // Shared across application restarts; the shutdown hook stops it.
    }
}
