package io.producergateway.delivery;

import java.util.List;

/** Names of the reactive channels, shared by code, tests and {@code application.properties}. */
public final class Channels {

    /** The channel every accepted event is produced through: acks=all, idempotent. */
    public static final String EVENTS = "events-out";

    /** Where asynchronous events go when Kafka refuses them after the caller was answered 202. */
    public static final String DEAD_LETTERS = "dead-letters";

    public static final List<String> ALL = List.of(EVENTS, DEAD_LETTERS);

    private Channels() {
    }
}
