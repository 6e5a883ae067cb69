package io.producergateway.security;

/**
 * A token bucket of one second's worth: it refills at {@code rate} per second up to {@code rate}. A request takes as
 * many tokens as it has events (or bytes) when the bucket holds them; one larger than a second's worth passes when
 * the bucket is full, drawing it below zero, and the next ones wait. So over time a principal gets its rate, and
 * memory is two numbers.
 */
final class TokenBucket {

    private final long rate;
    private double tokens;
    private long refilledAt;

    TokenBucket(long rate, long now) {
        this.rate = rate;
        this.tokens = rate;
        this.refilledAt = now;
    }

    long rate() {
        return rate;
    }

    /** Takes {@code amount} if the bucket holds it (or is full, for more than a second's worth); false if not. */
    synchronized boolean take(long amount, long now) {
        refill(now);
        if (tokens < Math.min(amount, rate)) {
            return false;
        }
        tokens -= amount;
        return true;
    }

    /** Takes {@code amount} whatever the bucket holds (a stream's line already read). */
    synchronized void draw(long amount, long now) {
        refill(now);
        tokens -= amount;
    }

    /** Gives back what a refused request took. */
    synchronized void giveBack(long amount, long now) {
        refill(now);
        tokens = Math.min(rate, tokens + amount);
    }

    /** Seconds until the bucket holds {@code amount} (at most a second's worth); 0 when it does. */
    synchronized long secondsUntil(long amount, long now) {
        refill(now);
        double need = Math.min(amount, rate);
        return tokens >= need ? 0 : Math.max(1, (long) Math.ceil((need - tokens) / rate));
    }

    /** What is left now, never below 0. */
    synchronized long remaining(long now) {
        refill(now);
        return Math.max(0, (long) Math.floor(tokens));
    }

    /** Seconds until the bucket is full again. */
    synchronized long secondsUntilFull(long now) {
        refill(now);
        return (long) Math.ceil((rate - tokens) / rate);
    }

    /** True when the bucket is full: a bucket made anew would be the same, so it can be forgotten. */
    synchronized boolean full(long now) {
        refill(now);
        return tokens >= rate;
    }

    private void refill(long now) {
        tokens = Math.min(rate, tokens + (now - refilledAt) / 1e9 * rate);
        refilledAt = now;
    }
}
