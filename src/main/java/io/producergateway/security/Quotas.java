package io.producergateway.security;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.observability.GatewayMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Events and bytes per second per principal ({@code gateway.auth.quota.*}, each replaced by the principal's own
 * {@code gateway.auth.quotas."<p>".*} where set): a {@link TokenBucket} each. A bucket is kept only while it is not
 * full: an idle principal's buckets are forgotten within a minute, so memory follows the principals producing now.
 */
@Singleton
public class Quotas {

    private static final long SWEEP_MILLIS = 60_000;

    private final GatewayConfig.Auth.Quota defaults;
    private final Map<String, GatewayConfig.Auth.Quota> byPrincipal;
    /** The same quotas by {@link #envForm} of their principal: how an environment variable names them. */
    private final Map<String, GatewayConfig.Auth.Quota> byEnvForm = new HashMap<>();
    private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();
    private final GatewayMetrics metrics;
    private final ApiKeys keys;
    private final Vertx vertx;
    private long sweeper = -1;

    public Quotas(GatewayConfig config, GatewayMetrics metrics, ApiKeys keys, Vertx vertx) {
        this.defaults = config.auth().quota();
        this.byPrincipal = config.auth().quotas();
        byPrincipal.forEach((principal, quota) -> byEnvForm.putIfAbsent(envForm(principal), quota));
        this.metrics = metrics;
        this.keys = keys;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> {
            long now = System.nanoTime();
            buckets.values().removeIf(b -> b.full(now));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(sweeper);
    }

    /** The principal's buckets; null when it is not limited. */
    Buckets of(String principal) {
        GatewayConfig.Auth.Quota own = configured(principal);
        OptionalLong events = own != null && own.eventsPerSecond().isPresent() ? own.eventsPerSecond()
                : defaults.eventsPerSecond();
        OptionalLong bytes = own != null && own.bytesPerSecond().isPresent() ? own.bytesPerSecond()
                : defaults.bytesPerSecond();
        if (events.isEmpty() && bytes.isEmpty()) {
            return null;
        }
        return buckets.computeIfAbsent(principal, p -> new Buckets(events, bytes, System.nanoTime()));
    }

    /**
     * Takes {@code events} and {@code bytes} from the principal's quota, or refuses the request whole.
     *
     * @throws GatewayException quota-exceeded (429) with the seconds to wait, when either bucket is used up
     */
    public void charge(String principal, int events, long bytes) {
        Buckets quota = of(principal);
        if (quota == null) {
            return;
        }
        long now = System.nanoTime();
        if (!quota.take(events, bytes, now)) {
            refused(principal, events);
            throw exceeded(principal, quota.secondsUntil(events, bytes, now));
        }
    }

    /**
     * Takes a stream line's event and bytes whatever is left.
     *
     * @return the seconds the stream should stop reading for; 0 when the principal is within its quota
     */
    public long draw(String principal, long bytes) {
        Buckets quota = of(principal);
        if (quota == null) {
            return 0;
        }
        long now = System.nanoTime();
        quota.draw(1, bytes, now);
        return quota.secondsUntil(1, 1, now);
    }

    void refused(String principal, int events) {
        metrics.quotaRefused(keys.principals().contains(principal) || configured(principal) != null
                ? principal : "other", events);
    }

    /**
     * The principal's own quota, or null. {@code GATEWAY_AUTH_QUOTAS__ORDERS_SERVICE__EVENTS_PER_SECOND} reaches the
     * configuration as the principal {@code orders.service}: a principal matches its own name first, then its name in
     * that form.
     */
    private GatewayConfig.Auth.Quota configured(String principal) {
        if (byPrincipal.isEmpty()) { // the common case, asked on every request: no string work
            return null;
        }
        GatewayConfig.Auth.Quota quota = byPrincipal.get(principal);
        return quota != null ? quota : byEnvForm.get(envForm(principal));
    }

    /** Lower case, every run of characters other than letters and digits as one '.'. */
    static String envForm(String principal) {
        return principal.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".");
    }

    static GatewayException exceeded(String principal, long seconds) {
        return new GatewayException(ProblemType.QUOTA_EXCEEDED, "Principal " + principal + " used up its quota "
                + "(gateway.auth.quota); retry in " + seconds + " s").retryAfter(seconds);
    }

    /** One principal's events and bytes buckets; either may be unlimited (null). */
    static final class Buckets {
        private final TokenBucket events;
        private final TokenBucket bytes;

        Buckets(OptionalLong eventsPerSecond, OptionalLong bytesPerSecond, long now) {
            this.events = bucket(eventsPerSecond, now);
            this.bytes = bucket(bytesPerSecond, now);
        }

        private static TokenBucket bucket(OptionalLong rate, long now) {
            return rate.isPresent() ? new TokenBucket(rate.getAsLong(), now) : null;
        }

        boolean take(long eventCount, long byteCount, long now) {
            if (events != null && !events.take(eventCount, now)) {
                return false;
            }
            if (bytes != null && !bytes.take(byteCount, now)) {
                if (events != null) {
                    events.giveBack(eventCount, now);
                }
                return false;
            }
            return true;
        }

        void draw(long eventCount, long byteCount, long now) {
            if (events != null) {
                events.draw(eventCount, now);
            }
            if (bytes != null) {
                bytes.draw(byteCount, now);
            }
        }

        /** Seconds until both buckets hold what a request takes (at most a second's worth each). */
        long secondsUntil(long eventCount, long byteCount, long now) {
            return Math.max(events == null ? 0 : events.secondsUntil(eventCount, now),
                    bytes == null ? 0 : bytes.secondsUntil(byteCount, now));
        }

        boolean full(long now) {
            return (events == null || events.full(now)) && (bytes == null || bytes.full(now));
        }

        /** The IETF {@code RateLimit-Policy} header (draft-ietf-httpapi-ratelimit-headers): one second's window. */
        String policy() {
            return join(events == null ? null : "\"events\";q=" + events.rate() + ";w=1",
                    bytes == null ? null : "\"bytes\";q=" + bytes.rate() + ";w=1");
        }

        /** The IETF {@code RateLimit} header: what is left and the seconds until the bucket is full again. */
        String state(long now) {
            return join(events == null ? null : "\"events\";r=" + events.remaining(now) + ";t="
                    + events.secondsUntilFull(now),
                    bytes == null ? null : "\"bytes\";r=" + bytes.remaining(now) + ";t=" + bytes.secondsUntilFull(now));
        }

        private static String join(String first, String second) {
            return first == null ? second : second == null ? first : first + ", " + second;
        }
    }
}
