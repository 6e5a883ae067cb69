package io.producergateway.event;

import java.util.Locale;

/**
 * How durable a request wants its events, chosen with the {@code X-Delivery} header. Each profile is a producer of its
 * own, configured in {@code application.properties}, so the trade-off is visible in one place.
 */
public enum DeliveryProfile {

    /** acks=all, idempotent: acknowledged once every in-sync replica has the event; no duplicates on retry. */
    DURABLE("durable"),
    /** acks=1: acknowledged once the leader wrote it; lost if the leader fails before replicating it. */
    LEADER("leader"),
    /** acks=0: nothing is acknowledged, offsets are unknown (-1); lost whenever a write fails. */
    FIRE_AND_FORGET("fire-and-forget");

    private final String header;

    DeliveryProfile(String header) {
        this.header = header;
    }

    /** The value of the {@code X-Delivery} header, and the name in {@code gateway.delivery.profiles}. */
    public String header() {
        return header;
    }

    /** The profile a header value names, or null when it names none. */
    public static DeliveryProfile fromHeader(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (DeliveryProfile profile : values()) {
            if (profile.header.equals(wanted)) {
                return profile;
            }
        }
        return null;
    }
}
