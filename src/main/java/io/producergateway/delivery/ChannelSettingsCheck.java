package io.producergateway.delivery;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.producergateway.config.GatewayConfig;
import io.producergateway.config.ProducerSettings;
import io.producergateway.config.TracingSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start the service when a channel's producer settings break the gateway's rules, with one message that
 * names every offending key and the fix. It observes startup ahead of the messaging connectors (priority 1000),
 * so it runs before they create their producers.
 */
@ApplicationScoped
public class ChannelSettingsCheck {

    private static final Logger LOG = Logger.getLogger(ChannelSettingsCheck.class);

    void onStart(@Observes @Priority(2) StartupEvent event, Config config, GatewayConfig gateway) {
        List<String> problems = new ArrayList<>();
        for (String channel : Channels.ALL) {
            problems.addAll(ProducerSettings.problems(channel, key -> config.getOptionalValue(key, String.class)));
            if (ProducerSettings.fireAndForget(channel, key -> config.getOptionalValue(key, String.class))) {
                LOG.warnf("Channel %s runs with acks=0: Kafka acknowledges nothing, offsets are unknown (-1) and "
                        + "events are lost if the partition leader fails", channel);
            }
        }
        problems.addAll(TracingSettings.problems(Channels.ALL, key -> config.getOptionalValue(key, String.class)));
        if (gateway.delivery().maxInFlight() > EventSender.EMITTER_BUFFER) {
            problems.add("gateway.delivery.max-in-flight=" + gateway.delivery().maxInFlight() + " is above "
                    + EventSender.EMITTER_BUFFER + ", the most the produce channels can hold: lower it");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid producer configuration, the service will not start:\n - "
                    + String.join("\n - ", problems));
        }
    }
}
