package io.producergateway.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.producergateway.delivery.Channels;
import io.producergateway.delivery.EventSender;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start the service when a channel's producer settings break the gateway's rules, with one message that
 * names every offending key and the fix. It observes startup ahead of the messaging connectors (priority 1000),
 * so it runs before they create their producers.
 */
@ApplicationScoped
public class ProducerSettingsCheck {

    private static final Logger LOG = Logger.getLogger(ProducerSettingsCheck.class);

    void onStart(@Observes @Priority(1) StartupEvent event, Config config,
            GatewayConfig gateway) {
        List<String> problems = new ArrayList<>();
        for (String channel : Channels.ALL) {
            problems.addAll(ProducerSettings.problems(channel, key -> config.getOptionalValue(key, String.class)));
            if (ProducerSettings.fireAndForget(channel, key -> config.getOptionalValue(key, String.class))) {
                LOG.warnf("Channel %s runs with acks=0: Kafka acknowledges nothing, offsets are unknown (-1) and "
                        + "events are lost if the partition leader fails", channel);
            }
        }
        if (gateway.delivery().timeout().isNegative() || gateway.delivery().timeout().isZero()) {
            problems.add("gateway.delivery.timeout must be positive (it is " + gateway.delivery().timeout() + ")");
        }
        if (gateway.topics().lookupTimeout().isNegative() || gateway.topics().lookupTimeout().isZero()) {
            problems.add("gateway.topics.lookup-timeout must be positive (it is " + gateway.topics().lookupTimeout() + ")");
        }
        if (gateway.delivery().maxInFlight() < 1 || gateway.delivery().maxInFlightBytes() < 1) {
            problems.add("gateway.delivery.max-in-flight and gateway.delivery.max-in-flight-bytes must be at least 1");
        }
        if (gateway.delivery().maxInFlight() > EventSender.EMITTER_BUFFER) {
            problems.add("gateway.delivery.max-in-flight=" + gateway.delivery().maxInFlight() + " is above "
                    + EventSender.EMITTER_BUFFER + ", the most the produce channel can hold: lower it");
        }
        if (gateway.ingest().maxEventsPerRequest() > gateway.delivery().maxInFlight()) {
            problems.add("gateway.ingest.max-events-per-request=" + gateway.ingest().maxEventsPerRequest()
                    + " is above gateway.delivery.max-in-flight=" + gateway.delivery().maxInFlight()
                    + ": such a request could never be accepted; lower the first or raise the second");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid producer configuration, the service will not start:\n - "
                    + String.join("\n - ", problems));
        }
    }
}
