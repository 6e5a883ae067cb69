package io.producergateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.context.Context;
import io.producergateway.config.GatewayConfig;
import io.producergateway.delivery.EventSender;
import io.producergateway.delivery.InFlightLimiter;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.Event;
import io.producergateway.observability.GatewayMetrics;
import io.producergateway.testing.TestConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The pipeline's collaborators without a broker, for the deliverers' unit tests: a producer whose answers the test
 * gives one by one, a real in-flight bound and real meters.
 */
final class FakeKafka {

    final GatewayConfig config;
    final InFlightLimiter limiter;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final GatewayMetrics metrics;
    final Sender sender = new Sender();
    final Admission admission;
    final Handoff handoff;

    FakeKafka(Map<String, String> settings) {
        this.config = TestConfig.gateway(settings);
        this.limiter = new InFlightLimiter(config);
        this.metrics = new GatewayMetrics(meters, limiter);
        this.admission = new Admission(limiter, config);
        this.handoff = new Handoff(sender, metrics);
    }

    /** Admits the events, placed on partition 0 of the topic, as the pipeline would before delivering. */
    RoutedBatch admitted(String topic, Event... events) {
        List<Routed> routed = new ArrayList<>();
        for (Event event : events) {
            routed.add(new Routed(topic, event, new io.producergateway.partitioning.PartitionChoice(0, "explicit")));
        }
        RoutedBatch batch = new RoutedBatch(topic, routed, System.nanoTime(), Context.root());
        admission.admit(batch);
        return batch;
    }

    double counter(String outcome, String reason) {
        var counter = meters.find(GatewayMetrics.EVENTS).tag("outcome", outcome).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A record Kafka stored at this offset of partition 0. */
    static RecordMetadata stored(String topic, long offset) {
        return new RecordMetadata(new TopicPartition(topic, 0), offset, 0, 1_700_000_000_000L, 0, 0);
    }

    /** A producer that keeps every record handed to it until the test answers for it. */
    static final class Sender extends EventSender {
        final List<UniEmitter<? super RecordMetadata>> pending = new ArrayList<>();
        final List<Event> sent = new ArrayList<>();

        Sender() {
            super(null, null, null);
        }

        @Override
        public Uni<RecordMetadata> send(DeliveryProfile profile, String topic, int partition, Event event,
                Context trace) {
            return Uni.createFrom().emitter(answer -> {
                synchronized (this) {
                    sent.add(event);
                    pending.add(answer);
                }
            });
        }

        synchronized void acknowledge(int index, RecordMetadata metadata) {
            pending.get(index).complete(metadata);
        }

        synchronized void fail(int index, Throwable failure) {
            pending.get(index).fail(failure);
        }
    }
}
