package io.producergateway.delivery;

import java.util.List;

/** Names of the reactive channels, shared by code, tests and {@code application.properties}. */
public final class Channels {

    /** The channel every accepted event is produced through: acks=all, idempotent. */
    public static final String EVENTS = "events-out";

    /** The {@code leader} delivery profile: acks=1. */
    public static final String LEADER = "events-leader";

    /** The {@code fire-and-forget} delivery profile: acks=0. */
    public static final String FIRE_AND_FORGET = "events-fire-and-forget";

    /** Atomic batches: a transactional producer (acks=all, idempotent, transactional.id per instance). */
    public static final String ATOMIC = "events-atomic";

    /** Where asynchronous events go when Kafka refuses them after the caller was answered 202. */
    public static final String DEAD_LETTERS = "dead-letters";

    public static final List<String> ALL = List.of(EVENTS, LEADER, FIRE_AND_FORGET, ATOMIC, DEAD_LETTERS);

    private Channels() {
    }
}
