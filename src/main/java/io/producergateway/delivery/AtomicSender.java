package io.producergateway.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.context.Context;
import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;

/**
 * Writes a batch all-or-nothing in one Kafka transaction on the {@value Channels#ATOMIC} channel: every record is
 * committed, or the transaction is aborted and a {@code read_committed} consumer sees none of them. A producer runs
 * one transaction at a time, so batches wait their turn in a bounded queue.
 */
@ApplicationScoped
public class AtomicSender {

    /** Batches that may wait for the transaction in progress; more are answered 503. */
    static final int MAX_WAITING = 64;

    private final KafkaTransactions<byte[]> transactions;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private boolean busy;

    public AtomicSender(@Channel(Channels.ATOMIC) KafkaTransactions<byte[]> transactions) {
        this.transactions = transactions;
    }

    /** One placed event of an atomic batch. */
    public record Placed(Event event, int partition) {
    }

    /**
     * @param trace the trace context of the request, the parent of every record's producer span
     * @return Kafka's acknowledgement of each record, in order, once the transaction committed; fails when it was
     *         aborted (nothing of the batch is visible to read_committed consumers)
     */
    public Uni<List<RecordMetadata>> send(String topic, List<Placed> batch, Context trace) {
        // Only a batch that got its turn hands it on (eventually), so a refused one cannot release another's turn.
        return Uni.createFrom().<Void> emitter(turn -> enqueue(() -> turn.complete(null)))
                .chain(() -> transaction(topic, batch, trace).eventually(this::next));
    }

    private Uni<List<RecordMetadata>> transaction(String topic, List<Placed> batch, Context trace) {
        List<OutgoingMessageMetadata<RecordMetadata>> acknowledgements = new ArrayList<>(batch.size());
        return transactions.withTransaction(emitter -> {
            for (Placed placed : batch) {
                OutgoingMessageMetadata<RecordMetadata> acknowledgement = new OutgoingMessageMetadata<>();
                acknowledgements.add(acknowledgement);
                Event event = placed.event();
                OutgoingKafkaRecordMetadata<byte[]> record = OutgoingKafkaRecordMetadata.<byte[]> builder()
                        .withTopic(topic).withPartition(placed.partition()).withKey(event.key())
                        .withTimestamp(event.timestamp())
                        .withHeaders(new RecordHeaders(new ArrayList<>(event.headers()))).build();
                emitter.send(Message.of(event.value(), EventSender.metadata(record, acknowledgement, trace)));
            }
            return Uni.createFrom().voidItem();
        }).map(committed -> acknowledgements.stream().map(OutgoingMessageMetadata::getResult).toList());
    }

    private void enqueue(Runnable start) {
        boolean runNow;
        synchronized (waiting) {
            if (busy && waiting.size() >= MAX_WAITING) {
                throw new GatewayException(ProblemType.OVERLOADED, "Too many atomic batches are waiting for their "
                        + "transaction (at most " + MAX_WAITING + "); retry later");
            }
            runNow = !busy;
            if (runNow) {
                busy = true;
            } else {
                waiting.add(start);
            }
        }
        if (runNow) {
            start.run();
        }
    }

    private void next() {
        Runnable following;
        synchronized (waiting) {
            following = waiting.poll();
            if (following == null) {
                busy = false;
            }
        }
        if (following != null) {
            following.run();
        }
    }
}
