package io.producergateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.TestConfig;

/** What the catalog answers for a topic, whatever the moment the cluster's answer comes at. */
class TopicCatalogTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final AtomicInteger describes = new AtomicInteger();
    private final KafkaAdmin admin = new KafkaAdmin(TestConfig.gateway(Map.of("gateway.topics.lookup-timeout", "1s")),
            Map.of("bootstrap.servers", "127.0.0.1:1")) {
        @Override
        public Admin client() {
            return answeringAtOnce();
        }
    };

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void anAnswerThatIsThereBeforeTheLookupWaitsForItIsTaken() {
        // The admin client's futures are already complete, as they can be when the answer comes fast: the lookup's
        // callbacks then run on the caller's thread (this used to leave the request waiting for ever).
        TopicCatalog catalog = new TopicCatalog(TestConfig.gateway(Map.of()), admin);
        TopicInfo info = catalog.topic("orders").await().atMost(WAIT);
        assertEquals(3, info.partitions());
        assertEquals(1000, info.maxMessageBytes());
        assertEquals(3, catalog.topic("orders").await().atMost(WAIT).partitions(), "then known");
        assertEquals(1, describes.get(), "and not asked again within gateway.topics.metadata-max-age");
    }

    @Test
    void anUnknownTopicIsUnknownAndTheCatalogGoesOn() {
        TopicCatalog catalog = new TopicCatalog(TestConfig.gateway(Map.of()), admin);
        Throwable failure = catalog.topic("missing").onItem().<Throwable> transform(x -> null)
                .onFailure().recoverWithItem(f -> f).await().atMost(WAIT);
        assertEquals(ProblemType.UNKNOWN_TOPIC, assertInstanceOf(GatewayException.class, failure).type());
        assertEquals(3, catalog.topic("orders").await().atMost(WAIT).partitions());
    }

    /** An admin client whose answers are complete when it returns them: "orders" has 3 partitions. */
    private Admin answeringAtOnce() {
        return (Admin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Admin.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTopics" -> {
                        describes.incrementAndGet();
                        String topic = ((java.util.Collection<?>) args[0]).iterator().next().toString();
                        KafkaFutureImpl<TopicDescription> description = new KafkaFutureImpl<>();
                        if (topic.equals("orders")) {
                            Node node = new Node(1, "127.0.0.1", 1);
                            description.complete(new TopicDescription(topic, false, List.of(0, 1, 2).stream()
                                    .map(p -> new TopicPartitionInfo(p, node, List.of(node), List.of(node))).toList()));
                        } else {
                            description.completeExceptionally(new UnknownTopicOrPartitionException(topic));
                        }
                        yield new DescribeTopicsResult(null, Map.of(topic, description)) {
                        };
                    }
                    case "describeConfigs" -> {
                        ConfigResource resource = (ConfigResource) ((java.util.Collection<?>) args[0]).iterator().next();
                        KafkaFuture<Config> config = KafkaFuture.completedFuture(new Config(List.of(
                                new ConfigEntry("max.message.bytes", "1000"))));
                        yield new DescribeConfigsResult(Map.of(resource, config)) {
                        };
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
