package io.producergateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.producergateway.config.GatewayConfig;
import io.producergateway.config.Grant;
import io.producergateway.config.PartitionRange;
import io.producergateway.config.PartitioningConfig;
import io.producergateway.delivery.KafkaAdmin;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.partitioning.PriorityRanges;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.QuarkusUnitTest;

/** A priority range beyond a configured topic's real partitions stops the service at startup. */
class PriorityRangeStartupTest {

    private static final String TOPIC = SharedKafka.client().createTopic(KafkaTestClient.uniqueTopic("four"), 4);

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PriorityRangesCheck.class, PriorityRanges.class, KafkaAdmin.class,
                    PartitioningConfig.class, PartitionRange.class, GatewayConfig.class, Grant.class,
                    GatewayException.class, ProblemType.class))
            .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
            .overrideConfigKey("kafka.bootstrap.servers", SharedKafka.broker().bootstrapServers())
            .overrideConfigKey("gateway.partitioning.topics.\"" + TOPIC + "\".high", "0-1")
            .overrideConfigKey("gateway.partitioning.topics.\"" + TOPIC + "\".low", "2-5")
            .assertException(failure -> {
                String message = String.valueOf(failure.getMessage()) + failure.getCause();
                assertTrue(message.contains("gateway.partitioning.topics.\"" + TOPIC + "\".low uses partition 5 but topic "
                        + TOPIC + " has 4 partitions"), message);
            });

    @Test
    void serviceDoesNotStart() {
        // The extension asserts the failed start and its message.
    }
}
