package io.producergateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * The gateway's own settings. Kafka client settings stay under {@code mp.messaging.outgoing.<channel>.*}.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * This instance's name, unique among the running instances (the pod name on Kubernetes): the atomic channel's
     * {@code transactional.id} is derived from it.
     */
    @WithDefault("${HOSTNAME:producer-gateway}")
    String instanceId();

    /** Who may produce, and to which topics. */
    Auth auth();

    /** Limits on what a request may carry. */
    Ingest ingest();

    /** How events are handed to Kafka. */
    Delivery delivery();

    /** Which topics the gateway produces to and how it learns about them. */
    Topics topics();

    /** Streams of events over one connection (application/x-ndjson, WebSocket, and REST Proxy v3's streaming mode). */
    Stream stream();

    /** How health is judged. */
    Health health();

    /** How the service stops. */
    Shutdown shutdown();

    /** The schema registry behind the schema-based formats, by Confluent's Schema Registry REST API. */
    SchemaRegistry schemaRegistry();

    /** How schemas are named, registered and required per topic. */
    SchemaPolicy schemas();

    interface SchemaRegistry {
        /**
         * The API's base URL, path prefix included (Apicurio 3: {@code http://host:8080/apis/ccompat/v7}); http or
         * https, without credentials in it. Unset: schema-based formats are answered 422 schema-not-supported.
         */
        Optional<URI> url();

        /** HTTP basic authentication: the user, with {@link #password()}. */
        Optional<String> username();

        /** HTTP basic authentication: the password, with {@link #username()} (keep it in a Secret). */
        Optional<String> password();

        /** Sent as {@code Authorization: Bearer <token>}, instead of basic authentication (keep it in a Secret). */
        Optional<String> bearerToken();

        /**
         * A TLS configuration of Quarkus' TLS registry ({@code quarkus.tls."<name>".*}) whose trust store (and key
         * store, for mutual TLS) an https url is reached with. Unset: the JVM's default trust.
         */
        Optional<String> tlsConfigurationName();

        /** Bound on every registry call, connecting included; past it the request is answered 503. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * How long a subject's latest version is trusted before it is asked again. While the registry is unreachable
         * the last one known is used past it.
         */
        @WithDefault("30s")
        Duration latestTtl();

        /** Most entries of each schema cache (by id, by subject version, registrations, latest versions). */
        @WithDefault("1000")
        int cacheSize();

        /** Seconds a client is told to wait (Retry-After) when the registry does not answer. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    interface SchemaPolicy {
        /** Register a schema a request brings; off: only look it up (unknown-schema when its subject lacks it). */
        @WithDefault("true")
        boolean autoRegister();

        /** How a schema's subject is named: {@code topic-name}, {@code record-name} or {@code topic-record-name}. */
        @WithDefault("topic-name")
        String subjectNameStrategy();

        /** Topics whose keys or values must be written with their subject's schema. */
        Map<String, GovernedTopic> topics();

        interface GovernedTopic {
            /** Every key is written with this version of its subject: {@code latest} or a version number. */
            Optional<String> key();

            /** Every value is written with this version of its subject: {@code latest} or a version number. */
            Optional<String> value();

            /** The subject of the keys; unset: {@code <topic>-key}. */
            Optional<String> keySubject();

            /** The subject of the values; unset: {@code <topic>-value}. */
            Optional<String> valueSubject();
        }
    }

    interface Stream {
        /**
         * Events of one stream waiting for Kafka; past it the gateway stops reading the connection until Kafka
         * catches up, so a slow broker slows the client's writes (TCP) instead of filling the heap. Never above
         * {@code gateway.delivery.max-in-flight}.
         */
        @WithDefault("1000")
        int window();

        /**
         * Longest line (one event) of a stream, and longest REST Proxy v3 record; a longer one ends the stream with a
         * problem for it.
         */
        @WithDefault("1048576")
        int maxLineBytes();

        /**
         * A stream that sends no line for this long while the gateway reads it is ended (with a summary line); a pause
         * for Kafka or for its principal's quota does not count.
         */
        @WithDefault("30s")
        Duration idleTimeout();

        /** A stream is ended after this long, whatever it sends; the client opens a new one. */
        @WithDefault("1h")
        Duration maxDuration();
    }

    interface Health {
        /**
         * How long readiness waits for the Kafka cluster to answer before it reports DOWN; keep it below the probe
         * timeout.
         */
        @WithDefault("3s")
        Duration kafkaTimeout();
    }

    interface Shutdown {
        /**
         * On SIGTERM, after the HTTP server has finished its requests ({@code quarkus.shutdown.timeout}): how long to
         * wait for accepted asynchronous events to be acknowledged before the producer is flushed and closed.
         */
        @WithDefault("5s")
        Duration drainTimeout();
    }

    interface Auth {
        /**
         * Require a caller's credentials (an API key or a bearer JWT) on the produce APIs. Off only in dev mode and in
         * tests that do not test it.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The API keys, as {@code principal:key} entries (a comma-separated list; keep it in a Kubernetes Secret).
         * A caller sends its key as {@code X-API-Key: <key>} or {@code Authorization: Bearer <key>}.
         */
        Optional<List<String>> apiKeys();

        /**
         * Which principal may produce to which topics, as {@code principal=regex} entries (comma-separated; several
         * per principal allowed; full match), for API keys and JWT principals alike. A token may carry grants of its
         * own ({@link Jwt#grantsClaim()}). A principal without a grant may produce nowhere (403).
         */
        Optional<List<@WithConverter(Grant.Parser.class) Grant>> grants();

        /** Most streams (application/x-ndjson) one principal may hold open at once; more are answered 429. */
        @WithDefault("8")
        int maxStreamsPerPrincipal();

        /** How a bearer JWT (verified with the standard {@code mp.jwt.verify.*} keys) names its caller and grants. */
        Jwt jwt();

        /** The quota of every principal; unset: unlimited. */
        Quota quota();

        /** Quotas of single principals, in place of {@link #quota()}: {@code gateway.auth.quotas."<principal>".*}. */
        Map<String, Quota> quotas();

        interface Jwt {
            /** The claim whose value is a token's principal (e.g. {@code azp} or {@code client_id}). */
            @WithDefault("sub")
            String principalClaim();

            /**
             * The claim listing the topics (regular expressions, full match) a token may produce to, beside its
             * principal's configured grants; a {@code scope} claim's {@code produce:<regex>} entries count too.
             */
            @WithDefault("topics")
            String grantsClaim();
        }

        interface Quota {
            /** Events a principal may produce per second (bursts of up to one second's worth); unset: unlimited. */
            OptionalLong eventsPerSecond();

            /** Bytes of request bodies a principal may send per second (bursts likewise); unset: unlimited. */
            OptionalLong bytesPerSecond();
        }
    }

    interface Ingest {
        /** Most events in one request; more is answered 413. */
        @WithDefault("10000")
        int maxEventsPerRequest();

        /**
         * Longest a client may take to send a request body, from its headers to its last byte; past it: 408 and the
         * connection is closed. An idle timeout alone lets a client that sends one byte every few seconds hold a
         * connection for ever. Streams (application/x-ndjson) are bounded by {@code gateway.stream.*} instead.
         */
        @WithDefault("30s")
        Duration bodyTimeout();
    }

    interface Delivery {
        /** Most events accepted and not yet acknowledged by Kafka, over all requests; past it: 503 with Retry-After. */
        @WithDefault("10000")
        int maxInFlight();

        /** Most bytes (keys, values, headers) of events in flight, over all requests; past it: 503 with Retry-After. */
        @WithDefault("67108864")
        long maxInFlightBytes();

        /**
         * Longest a synchronous request waits for Kafka's acknowledgement before it is answered 503. A safety net:
         * the channel's {@code delivery.timeout.ms} normally ends the wait first.
         */
        @WithDefault("20s")
        Duration timeout();

        /** Seconds a client is told to wait (Retry-After) when the gateway or the broker is overloaded. */
        @WithDefault("1")
        int retryAfterSeconds();

        /**
         * The delivery profiles requests may choose with X-Delivery, from durable, leader and fire-and-forget; a name
         * that is none of them stops the service at startup.
         */
        @WithDefault("durable,leader,fire-and-forget")
        List<String> profiles();
    }

    interface Topics {
        /**
         * Regular expressions of the topic names callers may produce to (full match). Unset: every topic that
         * exists. A name outside the list is answered 404, as if it did not exist.
         */
        Optional<List<Pattern>> allowed();

        /**
         * How long the partition count of a topic is trusted before it is fetched from the cluster again; also how old
         * the cluster metadata the metadata reads list from may be.
         */
        @WithDefault("30s")
        Duration metadataMaxAge();

        /** How long a topic lookup may wait for the cluster before the request is answered 503. */
        @WithDefault("5s")
        Duration lookupTimeout();
    }
}
