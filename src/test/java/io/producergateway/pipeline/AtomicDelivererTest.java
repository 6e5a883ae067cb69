package io.producergateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;

import io.opentelemetry.context.Context;
import io.producergateway.delivery.AtomicSender;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.GatewayException;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.Events;
import io.smallrye.mutiny.Uni;

/** A batch is committed whole, or the request fails with the cause; its room is freed either way. */
class AtomicDelivererTest {

    private final FakeKafka kafka = new FakeKafka(Map.of());

    @Test
    void aCommittedBatchIsAnsweredWithEveryOffset() {
        AtomicDeliverer deliverer = deliverer(Uni.createFrom().item(List.of(FakeKafka.stored("orders", 10),
                FakeKafka.stored("orders", 11))));
        RoutedBatch batch = kafka.admitted("orders", Events.keyless("a"), Events.keyless("b"));

        List<Outcome> outcomes = deliverer.deliver(batch, DeliveryProfile.DURABLE).await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of(10L, 11L), outcomes.stream().map(Outcome::offset).toList());
        assertEquals(0, kafka.limiter.events());
        assertEquals(2.0, kafka.counter("acked", "explicit"));
    }

    @Test
    void anAbortedBatchFailsTheRequestAndSaysNothingIsVisible() {
        AtomicDeliverer deliverer = deliverer(Uni.createFrom().failure(new ProducerFencedException("fenced")));
        RoutedBatch batch = kafka.admitted("orders", Events.keyless("a"), Events.keyless("b"));

        Throwable failure = deliverer.deliver(batch, DeliveryProfile.DURABLE).onItem().<Throwable> transform(x -> null)
                .onFailure().recoverWithItem(f -> f).await().atMost(Duration.ofSeconds(5));
        GatewayException refused = assertInstanceOf(GatewayException.class, failure);
        assertEquals(ProblemType.DELIVERY_FAILED, refused.type());
        assertTrue(refused.getMessage().startsWith("The batch was not committed, nothing of it is visible to "
                + "read_committed consumers: fenced"), refused.getMessage());
        assertEquals(2, refused.events());
        assertEquals(0, kafka.limiter.events());
        assertEquals(2.0, kafka.counter("failed", "delivery-failed"));
    }

    private AtomicDeliverer deliverer(Uni<List<RecordMetadata>> transaction) {
        AtomicSender sender = new AtomicSender(null) {
            @Override
            public Uni<List<RecordMetadata>> send(String topic, List<Placed> batch, Context trace) {
                return transaction;
            }
        };
        return new AtomicDeliverer(sender, kafka.admission, kafka.metrics, kafka.config);
    }
}
