package io.producergateway.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One real broker for the whole test run: started by the first test class that needs it, stopped when the JVM
 * exits. Tests share it by owning their topics ({@link KafkaTestClient#uniqueTopic}).
 */
public class SharedKafka implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;
    private static KafkaTestClient client;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            broker = KafkaBroker.start("shared");
            client = new KafkaTestClient(broker.bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                broker.close();
            }, "shared-kafka-stop"));
        }
        return broker;
    }

    /** The client of the shared broker, shared by every test of the run. */
    public static synchronized KafkaTestClient client() {
        broker();
        return client;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared across application restarts; the shutdown hook stops it.
    }
}
