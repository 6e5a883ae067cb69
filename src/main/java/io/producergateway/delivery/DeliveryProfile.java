package io.producergateway.delivery;

import java.util.Locale;

/**
 * How durable a request wants its events, chosen with the {@code X-Delivery} header. Each profile is a channel of its
 * own, configured in {@code application.properties}, so the trade-off is visible in one place.
 */
public enum DeliveryProfile {

    /** acks=all, idempotent: acknowledged once every in-sync replica has the event; no duplicates on retry. */
    DURABLE("durable", Channels.EVENTS),
    /** acks=1: acknowledged once the leader wrote it; lost if the leader fails before replicating it. */
    LEADER("leader", Channels.LEADER),
    /** acks=0: nothing is acknowledged, offsets are unknown (-1); lost whenever a write fails. */
    FIRE_AND_FORGET("fire-and-forget", Channels.FIRE_AND_FORGET);

    private final String header;
    private final String channel;

    DeliveryProfile(String header, String channel) {
        this.header = header;
        this.channel = channel;
    }

    /** The value of the {@code X-Delivery} header. */
    public String header() {
        return header;
    }

    public String channel() {
        return channel;
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
