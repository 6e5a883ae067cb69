package io.producergateway.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import io.opentelemetry.context.Context;
import io.producergateway.delivery.DeadLetters;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Event;
import io.producergateway.event.Outcome;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.Events;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** An async request is answered at once; a failure Kafka reports later goes to the dead letters, never away. */
class AsyncDelivererTest {

    private final FakeKafka kafka = new FakeKafka(Map.of());
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private final AsyncDeliverer deliverer = new AsyncDeliverer(kafka.handoff, kafka.admission, deadLetters,
            kafka.metrics);

    @Test
    void theAnswerComesBeforeKafkasAndAFailureIsDeadLetteredBeforeItsRoomIsFreed() {
        RoutedBatch batch = kafka.admitted("orders", Events.keyless("a"), Events.keyless("b"));
        List<Outcome> accepted = deliverer.deliver(batch, DeliveryProfile.DURABLE).await().atMost(Duration.ofSeconds(1));
        assertEquals(List.of(-1L, -1L), accepted.stream().map(Outcome::offset).toList());
        assertEquals(2, kafka.limiter.events());

        kafka.sender.acknowledge(0, FakeKafka.stored("orders", 0));
        kafka.sender.fail(1, new TimeoutException("Expiring 1 record(s)"));
        assertEquals(1, kafka.limiter.events(), "the failed event waits for the dead-letter topic");
        assertEquals("b", deadLetters.events.get(0).id());
        assertEquals(ProblemType.BROKER_UNAVAILABLE, deadLetters.reasons.get(0));

        deadLetters.answers.get(0).complete(FakeKafka.stored("dead", 0));
        assertEquals(0, kafka.limiter.events());
        assertEquals(1.0, kafka.counter("dead-lettered", "broker-unavailable"));
    }

    @Test
    void aDeadLetterThatCannotBeWrittenIsCountedAndFreesItsRoom() {
        RoutedBatch batch = kafka.admitted("orders", Events.keyless("a"));
        deliverer.deliver(batch, DeliveryProfile.DURABLE).await().atMost(Duration.ofSeconds(1));
        kafka.sender.fail(0, new TimeoutException("Expiring 1 record(s)"));
        deadLetters.answers.get(0).fail(new TimeoutException("dead-letter topic unreachable"));
        assertEquals(0, kafka.limiter.events());
        assertEquals(1.0, kafka.counter("dead-letter-failed", "broker-unavailable"));
    }

    /** Keeps every dead letter until the test answers for it. */
    static final class RecordingDeadLetters extends DeadLetters {
        final List<Event> events = new ArrayList<>();
        final List<ProblemType> reasons = new ArrayList<>();
        final List<UniEmitter<? super RecordMetadata>> answers = new ArrayList<>();

        RecordingDeadLetters() {
            super(null);
        }

        @Override
        public Uni<RecordMetadata> send(Event event, String topic, int partition, ProblemType reason, String error,
                Context trace) {
            return Uni.createFrom().emitter(answer -> {
                events.add(event);
                reasons.add(reason);
                answers.add(answer);
            });
        }
    }
}
