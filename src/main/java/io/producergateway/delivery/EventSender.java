package io.producergateway.delivery;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.opentelemetry.context.Context;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Event;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Hands events to the shared producer of their delivery profile (the idempotent {@value Channels#EVENTS} channel by
 * default) and tells when Kafka has acknowledged each one, with its partition and offset.
 */
@ApplicationScoped
public class EventSender {

    /**
     * Room between the HTTP side and the producer. It never fills: {@link InFlightLimiter} admits at most
     * {@code gateway.delivery.max-in-flight} events, which the startup check keeps below this.
     */
    public static final int EMITTER_BUFFER = 65536;

    private final MutinyEmitter<byte[]> durable;
    private final MutinyEmitter<byte[]> leader;
    private final MutinyEmitter<byte[]> fireAndForget;

    public EventSender(
            @Channel(Channels.EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER) MutinyEmitter<byte[]> durable,
            @Channel(Channels.LEADER) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER) MutinyEmitter<byte[]> leader,
            @Channel(Channels.FIRE_AND_FORGET) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER) MutinyEmitter<byte[]> fireAndForget) {
        this.durable = durable;
        this.leader = leader;
        this.fireAndForget = fireAndForget;
    }

    /** False once a channel was cancelled or failed: nothing can be produced through it until the service restarts. */
    public boolean channelOpen() {
        return !durable.isCancelled() && !leader.isCancelled() && !fireAndForget.isCancelled();
    }

    /**
     * Sends on subscription; the item is Kafka's acknowledgement (offset -1 when the profile runs with acks=0).
     *
     * @param trace the trace context of the request that produced the event: the parent of the record's producer span,
     *        whose {@code traceparent} the connector writes into the record's headers
     */
    public Uni<RecordMetadata> send(DeliveryProfile profile, String topic, int partition, Event event, Context trace) {
        MutinyEmitter<byte[]> emitter = switch (profile) {
            case DURABLE -> durable;
            case LEADER -> leader;
            case FIRE_AND_FORGET -> fireAndForget;
        };
        return send(emitter, topic, partition, event, event.headers(), trace);
    }

    static Uni<RecordMetadata> send(MutinyEmitter<byte[]> emitter, String topic, int partition, Event event,
            List<Header> headers, Context trace) {
        OutgoingMessageMetadata<RecordMetadata> acknowledgement = new OutgoingMessageMetadata<>();
        OutgoingKafkaRecordMetadata<byte[]> record = OutgoingKafkaRecordMetadata.<byte[]> builder()
                .withTopic(topic)
                .withPartition(partition)
                .withKey(event.key())
                .withTimestamp(event.timestamp())
                .withHeaders(new RecordHeaders(new ArrayList<>(headers)))
                .build();
        Message<byte[]> message = Message.of(event.value(), metadata(record, acknowledgement, trace));
        return emitter.sendMessage(message).map(ignored -> acknowledgement.getResult());
    }

    /**
     * The record, its acknowledgement and the request's trace context. The context is carried by the message, not
     * taken from the thread: the connector may send the record from another request's thread.
     */
    static Metadata metadata(OutgoingKafkaRecordMetadata<byte[]> record,
            OutgoingMessageMetadata<RecordMetadata> acknowledgement, Context trace) {
        return Metadata.of(record, acknowledgement, TracingMetadata.withCurrent(trace));
    }
}
