package io.producergateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.InvalidTimestampException;
import org.junit.jupiter.api.Test;

import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.Events;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** A sync request is answered with Kafka's answer for each event, or as unconfirmed once its own wait runs out. */
class SyncDelivererTest {

    private final FakeKafka kafka = new FakeKafka(Map.of("gateway.delivery.timeout", "1s"));
    private final SyncDeliverer deliverer = new SyncDeliverer(kafka.handoff, kafka.admission, kafka.config);

    @Test
    void theAnswerWaitsForKafkasAnswerForEveryEvent() {
        RoutedBatch batch = kafka.admitted("orders", Events.keyless("a"), Events.keyless("b"));
        UniAssertSubscriber<List<Outcome>> answer = deliverer.deliver(batch, DeliveryProfile.DURABLE)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        assertEquals(2, kafka.sender.sent.size(), "every event is handed over at once");
        kafka.sender.acknowledge(1, FakeKafka.stored("orders", 8));
        assertNull(answer.getItem(), "not before the last answer");
        kafka.sender.fail(0, new InvalidTimestampException("too far in the future"));

        List<Outcome> outcomes = answer.awaitItem(Duration.ofSeconds(5)).getItem();
        assertEquals(ProblemType.DELIVERY_FAILED, outcomes.get(0).error());
        assertEquals("too far in the future", outcomes.get(0).errorDetail());
        assertNull(outcomes.get(1).error());
        assertEquals(8, outcomes.get(1).offset());
        assertEquals(0, kafka.limiter.events(), "both released");
        assertEquals(1.0, kafka.counter("acked", "explicit"));
        assertEquals(1.0, kafka.counter("failed", "delivery-failed"));
    }

    @Test
    void eventsKafkaHasNotConfirmedWhenTheWaitEndsAreAnsweredAsMaybeWritten() {
        RoutedBatch batch = kafka.admitted("orders", Events.keyless("a"), Events.keyless("b"));
        UniAssertSubscriber<List<Outcome>> answer = deliverer.deliver(batch, DeliveryProfile.DURABLE)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        kafka.sender.acknowledge(0, FakeKafka.stored("orders", 3));

        List<Outcome> outcomes = answer.awaitItem(Duration.ofSeconds(5)).getItem();
        assertEquals(3, outcomes.get(0).offset());
        Outcome unconfirmed = outcomes.get(1);
        assertEquals(ProblemType.BROKER_UNAVAILABLE, unconfirmed.error());
        assertEquals("Kafka had not confirmed the event after 1 s (gateway.delivery.timeout); it may still be "
                + "written: retry with the same id and deduplicate on the event-id header", unconfirmed.errorDetail());
        assertEquals(1, kafka.limiter.events(), "the producer still holds the event: its room stays taken");

        kafka.sender.acknowledge(1, FakeKafka.stored("orders", 4));
        assertEquals(0, kafka.limiter.events(), "Kafka's late answer gives the room back");
        assertEquals(2.0, kafka.counter("acked", "explicit"), "and is counted");
        answer.assertCompleted();
    }
}
