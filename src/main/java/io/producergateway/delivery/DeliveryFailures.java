package io.producergateway.delivery;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.TimeoutException;

/** Maps what Kafka threw to the problem the caller gets, by exception type. */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    public static ProblemType classify(Throwable failure) {
        Throwable cause = cause(failure);
        return cause == null ? ProblemType.DELIVERY_FAILED : typeOf(cause);
    }

    /** A short description for the caller: Kafka's message, without class names or stack traces. */
    public static String describe(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause == null) {
            cause = unwrap(failure);
        }
        if (cause instanceof TimeoutException) {
            return "Kafka did not acknowledge the event in time";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? classify(cause).title() : message;
    }

    /**
     * The first exception in the cause chain that tells what happened; connectors wrap Kafka's exceptions (SmallRye's
     * retry gives up with an IllegalStateException whose cause is Kafka's TimeoutException).
     */
    private static Throwable cause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (typeOf(current) != null) {
                return current;
            }
            current = current.getCause();
        }
        return null;
    }

    private static ProblemType typeOf(Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway.type();
        }
        if (failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException) {
            return ProblemType.RECORD_TOO_LARGE;
        }
        if (failure instanceof UnknownTopicOrPartitionException || failure instanceof InvalidTopicException) {
            return ProblemType.UNKNOWN_TOPIC;
        }
        if (failure instanceof RetriableException || failure instanceof TimeoutException) {
            return ProblemType.BROKER_UNAVAILABLE;
        }
        if (failure instanceof ApiException) {
            return ProblemType.DELIVERY_FAILED;
        }
        return null;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && isWrapper(current)) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isWrapper(Throwable failure) {
        return failure instanceof CompletionException || failure instanceof ExecutionException
                || failure instanceof KafkaException && !(failure instanceof ApiException);
    }
}
