package io.producergateway.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.opentelemetry.context.Context;
import io.producergateway.event.Event;
import io.producergateway.event.ProblemType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Keeps events that Kafka refused after the caller was answered 202: each goes to the dead-letter topic of the
 * {@value Channels#DEAD_LETTERS} channel with its key, value and headers, plus headers that say where it was going
 * and why it failed.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String HEADER_TOPIC = "dead-letter-topic";
    public static final String HEADER_PARTITION = "dead-letter-partition";
    public static final String HEADER_REASON = "dead-letter-reason";
    public static final String HEADER_ERROR = "dead-letter-error";

    private final MutinyEmitter<byte[]> emitter;

    public DeadLetters(@Channel(Channels.DEAD_LETTERS) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = EventSender.EMITTER_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the failed event to the dead-letter topic (the channel's own topic; the partition is Kafka's choice).
     *
     * @param trace the trace context of the request that produced the event: the dead letter stays in its trace
     */
    public Uni<RecordMetadata> send(Event event, String topic, int partition, ProblemType reason, String error,
            Context trace) {
        List<Header> headers = new ArrayList<>(event.headers());
        headers.add(header(HEADER_TOPIC, topic));
        headers.add(header(HEADER_PARTITION, Integer.toString(partition)));
        headers.add(header(HEADER_REASON, reason.type()));
        headers.add(header(HEADER_ERROR, error));
        return EventSender.send(emitter, null, -1, event, headers, trace);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
