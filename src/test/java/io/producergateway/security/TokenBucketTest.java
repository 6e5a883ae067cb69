package io.producergateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A second's worth of burst, a request may overdraw once, and the rate comes back with time. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRequestTakesWhatItNeedsAndWaitsWhenTheBucketLacksIt() {
        TokenBucket bucket = new TokenBucket(100, 0);
        assertTrue(bucket.take(60, 0));
        assertEquals(40, bucket.remaining(0));
        assertFalse(bucket.take(50, 0), "40 left: a request of 50 waits");
        assertEquals(1, bucket.secondsUntil(50, 0));
        assertTrue(bucket.take(50, SECOND / 10), "50 after a tenth of a second");
    }

    @Test
    void aBatchAboveASecondsWorthPassesWhenTheBucketIsFullAndThePrincipalThenWaits() {
        TokenBucket bucket = new TokenBucket(100, 0);
        assertTrue(bucket.take(250, 0), "full: a batch above a second's worth passes, once");
        assertFalse(bucket.take(1, 0), "then nothing until the debt is paid");
        assertEquals(2, bucket.secondsUntil(1, 0), "150 in debt at 100/s: one event after 1.51 s");
        assertFalse(bucket.take(1, SECOND), "-50 after 1 s");
        assertTrue(bucket.take(1, 2 * SECOND));
        assertEquals(49, bucket.remaining(2 * SECOND));
    }

    @Test
    void itNeverHoldsMoreThanASecondsWorthAndAGiveBackIsCapped() {
        TokenBucket bucket = new TokenBucket(10, 0);
        assertTrue(bucket.full(100 * SECOND));
        assertEquals(10, bucket.remaining(100 * SECOND));
        assertTrue(bucket.take(10, 100 * SECOND));
        bucket.giveBack(50, 100 * SECOND);
        assertEquals(10, bucket.remaining(100 * SECOND));
        bucket.draw(25, 100 * SECOND);
        assertEquals(0, bucket.remaining(100 * SECOND));
        assertEquals(3, bucket.secondsUntilFull(100 * SECOND), "from -15 to 10 at 10/s: 2.5 s, said as 3");
    }
}
