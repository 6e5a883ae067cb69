package io.producergateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/** What Kafka threw becomes the caller's problem by exception type, through whatever wraps it. */
class DeliveryFailuresTest {

    @Test
    void kafkasExceptionsMapToProblemTypes() {
        assertEquals(ProblemType.RECORD_TOO_LARGE, DeliveryFailures.classify(new RecordTooLargeException("big")));
        assertEquals(ProblemType.UNKNOWN_TOPIC, DeliveryFailures.classify(new UnknownTopicOrPartitionException("x")));
        assertEquals(ProblemType.BROKER_UNAVAILABLE, DeliveryFailures.classify(new NotEnoughReplicasException("isr")));
        assertEquals(ProblemType.BROKER_UNAVAILABLE, DeliveryFailures.classify(new TimeoutException("expired")));
        assertEquals(ProblemType.DELIVERY_FAILED, DeliveryFailures.classify(new InvalidTimestampException("future")));
        assertEquals(ProblemType.DELIVERY_FAILED, DeliveryFailures.classify(new TopicAuthorizationException("no")));
        assertEquals(ProblemType.OVERLOADED,
                DeliveryFailures.classify(new GatewayException(ProblemType.OVERLOADED, "full")));
    }

    @Test
    void theFirstTellingCauseCountsWhateverWrapsIt() {
        // SmallRye's connector gives up with an IllegalStateException whose cause is Kafka's exception.
        assertEquals(ProblemType.BROKER_UNAVAILABLE, DeliveryFailures.classify(
                new IllegalStateException("nack", new CompletionException(new TimeoutException("expired")))));
        assertEquals(ProblemType.RECORD_TOO_LARGE, DeliveryFailures.classify(
                new ExecutionException(new KafkaException(new RecordTooLargeException("big")))));
        assertEquals(ProblemType.BROKER_UNAVAILABLE, DeliveryFailures.classify(
                new io.smallrye.mutiny.TimeoutException()));
    }

    @Test
    void anUnknownFailureIsADeliveryFailureDescribedWithoutClassNames() {
        IllegalStateException bug = new IllegalStateException(new RuntimeException());
        assertEquals(ProblemType.DELIVERY_FAILED, DeliveryFailures.classify(bug));
        assertEquals("Kafka did not acknowledge the event in time",
                DeliveryFailures.describe(new io.smallrye.mutiny.TimeoutException()));
        assertEquals("expired", DeliveryFailures.describe(new CompletionException(new TimeoutException("expired"))));
        assertEquals(ProblemType.BROKER_UNAVAILABLE.title(),
                DeliveryFailures.describe(new NotEnoughReplicasException((String) null)));
    }
}
