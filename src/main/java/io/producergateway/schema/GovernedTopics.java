package io.producergateway.schema;

import java.util.Map;
import java.util.Optional;

import io.producergateway.config.GatewayConfig.SchemaPolicy.GovernedTopic;

/** The topics gateway.schemas.topics governs: the subject and version every key or value is written with. */
final class GovernedTopics {

    /** The version that stands for a subject's latest. */
    static final int LATEST = 0;

    private final Map<String, GovernedTopic> topics;

    GovernedTopics(Map<String, GovernedTopic> topics) {
        this.topics = Map.copyOf(topics);
    }

    /** A subject and its version ({@link #LATEST}, or pinned), for the keys or the values of one topic. */
    record Governing(String subject, int version) {
    }

    boolean governs(String topic) {
        return topics.containsKey(topic);
    }

    /** Empty when that part of the topic is not governed. */
    Optional<Governing> governing(String topic, boolean key) {
        GovernedTopic governed = topics.get(topic);
        if (governed == null) {
            return Optional.empty();
        }
        Optional<String> version = key ? governed.key() : governed.value();
        String subject = (key ? governed.keySubject() : governed.valueSubject())
                .orElse(topic + (key ? "-key" : "-value"));
        return version.map(v -> new Governing(subject, version(v)));
    }

    /**
     * A configured version: {@code latest} or a version number.
     *
     * @throws IllegalArgumentException when it is neither
     */
    static int version(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("latest")) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(trimmed);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below, with what is allowed
        }
        throw new IllegalArgumentException("'" + text + "' is neither latest nor a version number (1, 2, ...)");
    }
}
