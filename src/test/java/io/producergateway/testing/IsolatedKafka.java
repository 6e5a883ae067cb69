package io.producergateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker of its own for a test class that stops, pauses or restarts it. Use with
 * {@code @WithTestResource(value = IsolatedKafka.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)}.
 */
public class IsolatedKafka implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;
    private static KafkaTestClient client;

    public static KafkaBroker broker() {
        return broker;
    }

    public static KafkaTestClient client() {
        return client;
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start("isolated");
        client = new KafkaTestClient(broker.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
