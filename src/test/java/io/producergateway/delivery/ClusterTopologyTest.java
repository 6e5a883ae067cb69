package io.producergateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.KafkaCluster;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.producergateway.testing.TestConfig;
import io.smallrye.mutiny.Uni;

/**
 * What the cached cluster metadata answers against a real broker, and against an address where no broker answers:
 * a bounded broker-unavailable when nothing is known, the last snapshot when something is.
 */
class ClusterTopologyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, String> CONFIG = Map.of("gateway.topics.lookup-timeout", "1s",
            "gateway.topics.metadata-max-age", "1ms", "gateway.topics.allowed", "topology-.*");

    private final KafkaTestClient kafka = SharedKafka.client();
    /** Where the admin calls of the topology go: the shared broker, or {@link #unreachable}. */
    private final AtomicReference<Admin> target = new AtomicReference<>();
    private final KafkaAdmin admin = new KafkaAdmin(TestConfig.gateway(CONFIG),
            Map.of("bootstrap.servers", "127.0.0.1:1")) {
        @Override
        public Admin client() {
            return (Admin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Admin.class },
                    (proxy, method, args) -> {
                        try {
                            return method.invoke(target.get(), args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    };
    /** An admin client for an address where no broker listens. */
    private final Admin unreachable = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:1",
            "request.timeout.ms", 1000, "default.api.timeout.ms", 1000));

    @AfterEach
    void close() {
        admin.close();
        unreachable.close(Duration.ZERO);
    }

    @Test
    void withNothingKnownAClusterThatDoesNotAnswerIsBrokerUnavailableInBoundedTime() {
        target.set(unreachable);
        ClusterTopology topology = new ClusterTopology(TestConfig.gateway(CONFIG), admin);

        assertEquals(ProblemType.BROKER_UNAVAILABLE, failure(topology.cluster()).type());
        assertEquals(ProblemType.BROKER_UNAVAILABLE, failure(topology.lookUp("topology-any")).type());
    }

    @Test
    void theLastSnapshotIsKeptWhileTheClusterDoesNotAnswer() {
        String visible = kafka.createTopic(KafkaTestClient.uniqueTopic("topology"), 2);
        String outside = kafka.createTopic(KafkaTestClient.uniqueTopic("elsewhere"), 1);
        target.set(kafka.admin());
        ClusterTopology topology = new ClusterTopology(TestConfig.gateway(CONFIG), admin);

        KafkaCluster seen = topology.cluster().await().atMost(WAIT);
        assertEquals(2, seen.topics().get(visible).partitions().size());
        assertFalse(seen.topics().containsKey(outside), "outside gateway.topics.allowed");
        assertTrue(seen.topics().keySet().stream().noneMatch(t -> t.startsWith("__")), "no internal topic");
        assertNull(topology.lookUp(outside).await().atMost(WAIT), "not looked up either");

        target.set(unreachable);
        // Older than metadata-max-age: answered at once from what is known, refreshed in the background, which fails.
        assertEquals(seen, topology.cluster().await().atMost(WAIT));
        assertEquals(ProblemType.BROKER_UNAVAILABLE, failure(topology.lookUp("topology-new")).type());
        assertEquals(seen, topology.cluster().await().atMost(WAIT));
    }

    private static GatewayException failure(Uni<?> answer) {
        Throwable failure = answer.onItem().<Throwable> transform(x -> null).onFailure().recoverWithItem(f -> f)
                .await().atMost(WAIT);
        return assertInstanceOf(GatewayException.class, failure);
    }
}
