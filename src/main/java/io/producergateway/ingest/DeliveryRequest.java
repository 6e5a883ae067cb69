package io.producergateway.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.opentelemetry.context.Context;
import io.producergateway.config.GatewayConfig;
import io.producergateway.event.Delivery;
import io.producergateway.event.DeliveryProfile;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Reads how a request wants its events delivered: the X-Delivery header, Prefer: respond-async, ?atomic=true. Created
 * first thing at startup (before the messaging connectors, which wait for Kafka), so that a profile name in
 * {@code gateway.delivery.profiles} that is none of ours stops the service at once instead of failing every request.
 */
@Startup(1)
@Singleton
public class DeliveryRequest {

    private final Set<DeliveryProfile> enabled;

    public DeliveryRequest(GatewayConfig config) {
        this.enabled = enabled(config.delivery().profiles());
    }

    /** @throws ConfigurationException naming the key when a name is none of the profiles */
    static Set<DeliveryProfile> enabled(List<String> names) {
        Set<DeliveryProfile> enabled = EnumSet.noneOf(DeliveryProfile.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            DeliveryProfile profile = DeliveryProfile.fromHeader(name);
            if (profile == null) {
                unknown.add(name);
            } else {
                enabled.add(profile);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("Invalid configuration, the service will not start:\n - "
                    + "gateway.delivery.profiles names " + unknown + ", which are not delivery profiles: use durable, "
                    + "leader, fire-and-forget");
        }
        return Collections.unmodifiableSet(enabled);
    }

    /** True when the Prefer header asks for an asynchronous answer (RFC 7240 respond-async). */
    public static boolean respondAsync(String prefer) {
        return prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async");
    }

    /**
     * A query flag such as {@code ?atomic=true}: absent, empty, {@code true} or {@code false} (any case). Anything
     * else is refused rather than read as false, so {@code ?atomic=1} never writes a batch without a transaction.
     *
     * @throws GatewayException invalid-field for any other value
     */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw invalid("?" + name + "=" + EventFields.shown(value) + " is not a boolean; use " + name + "=true or "
                + name + "=false");
    }

    /**
     * @throws GatewayException invalid-field for an unknown or disabled profile, or an atomic batch that asks for
     *         something a transaction cannot give (an asynchronous answer, less than durable delivery)
     */
    public Delivery resolve(String header, boolean async, boolean atomic) {
        DeliveryProfile profile = DeliveryProfile.DURABLE;
        if (header != null && !header.isBlank()) {
            profile = DeliveryProfile.fromHeader(header);
            if (profile == null) {
                throw invalid("X-Delivery: " + header + " is not a delivery profile; use durable, leader or fire-and-forget");
            }
        }
        if (!enabled.contains(profile)) {
            throw invalid("The delivery profile " + profile.header() + " is disabled on this gateway; enabled: "
                    + enabled.stream().map(DeliveryProfile::header).sorted().toList());
        }
        if (atomic && profile != DeliveryProfile.DURABLE) {
            throw invalid("Atomic batches are always durable (a transaction needs acks=all); drop X-Delivery");
        }
        if (atomic && async) {
            throw invalid("Atomic batches are answered once committed; drop Prefer: respond-async");
        }
        return new Delivery(profile, async, atomic, Context.current()); // on the request's thread: its trace
    }

    private static GatewayException invalid(String detail) {
        return new GatewayException(ProblemType.INVALID_FIELD, detail, List.of(), 1);
    }
}
