package io.producergateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A schema registry of its own for a test class that stops or restarts it. Use with
 * {@code @WithTestResource(value = IsolatedSchemaRegistry.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)}.
 */
public class IsolatedSchemaRegistry implements QuarkusTestResourceLifecycleManager {

    private static SchemaRegistryServer server;

    public static SchemaRegistryServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = SchemaRegistryServer.start("isolated");
        return Map.of("gateway.schema-registry.url", server.confluentUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
