package io.producergateway.partitioning;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.junit.jupiter.api.Test;

import io.producergateway.pipeline.Event;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A user's own strategy bean replaces the gateway's, with no Kafka configuration involved. */
@QuarkusTest
@TestProfile(ReplacementStrategyTest.WithVipStrategy.class)
@WithTestResource(SharedKafka.class)
class ReplacementStrategyTest {

    /**
     * The README's example: VIP customers get the last partition, everybody else the gateway's usual choice.
     * Users annotate theirs {@code @Alternative @Priority(1)}; the test enables it through its profile only.
     */
    @Alternative
    @ApplicationScoped
    public static class VipStrategy implements PartitionStrategy {
        private final DefaultPartitionStrategy usual;

        public VipStrategy(DefaultPartitionStrategy usual) {
            this.usual = usual;
        }

        @Override
        public PartitionChoice choose(String topic, int partitionCount, Event event) {
            if (event.key() != null && new String(event.key()).startsWith("vip-")) {
                return new PartitionChoice(partitionCount - 1, "vip");
            }
            return usual.choose(topic, partitionCount, event);
        }
    }

    public static class WithVipStrategy implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(VipStrategy.class);
        }
    }

    @Test
    void aReplacementStrategyBeanTakesOver() {
        KafkaTestClient kafka = SharedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("vip"), 5);

        given().contentType("application/json").body("[{\"key\":\"vip-1\",\"value\":1},{\"key\":\"vip-2\",\"value\":2}]")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).body("partition", equalTo(java.util.List.of(4, 4)),
                        "partitionReason", equalTo(java.util.List.of("vip", "vip")));
        given().contentType("application/json").body("{\"key\":\"regular\",\"value\":3}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(200).body("partitionReason", equalTo("key-hash"),
                        "partition", equalTo(DefaultPartitionStrategy.keyHash("regular".getBytes(), 5)));

        assertEquals(Map.of(4, 2L), PartitioningTest.countByPartition(kafka.readAll(topic).stream()
                .filter(r -> new String(r.key()).startsWith("vip-")).toList()));
    }
}
