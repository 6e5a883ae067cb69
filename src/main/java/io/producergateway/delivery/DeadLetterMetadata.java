package io.producergateway.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.Vertx;

/**
 * Keeps the dead-letter producer's metadata for its topic from startup on. The dead-letter topic is written to only
 * when something failed, typically during an outage: without metadata then, each dead-letter send would block
 * {@code max.block.ms} on the channel's one sending thread and fail. A lookup every minute also keeps the topic from
 * expiring out of the producer's cache ({@code metadata.max.idle.ms}), and says so early when the topic is missing.
 */
@ApplicationScoped
public class DeadLetterMetadata {

    static final Duration EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(DeadLetterMetadata.class);

    private final KafkaClientService clients;
    private final Vertx vertx;
    private final String topic;
    private volatile boolean missingReported;
    private long timer = -1;

    public DeadLetterMetadata(KafkaClientService clients, Vertx vertx,
            @ConfigProperty(name = "mp.messaging.outgoing." + Channels.DEAD_LETTERS + ".topic") String topic) {
        this.clients = clients;
        this.vertx = vertx;
        this.topic = topic;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(1, EVERY.toMillis(), id -> lookUp());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void lookUp() {
        KafkaProducer<?, ?> producer = clients.getProducer(Channels.DEAD_LETTERS);
        if (producer == null) {
            return; // the channel is not up yet: the next round
        }
        producer.partitionsFor(topic).subscribe().with(partitions -> {
            if (missingReported) {
                LOG.infof("The dead-letter topic %s is known again (%d partitions)", topic, partitions.size());
                missingReported = false;
            }
        }, failure -> {
            if (!missingReported) {
                LOG.warnf("No metadata for the dead-letter topic %s (%s): create it, or async events that Kafka "
                        + "refuses will be logged as lost", topic, DeliveryFailures.describe(failure));
                missingReported = true;
            }
        });
    }
}
