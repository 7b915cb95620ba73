package org.shouwang.notifier;

import java.time.Duration;

/**
 * How often a page that failed for a passing reason (server error, timeout) is tried again before it is
 * given up, and how long to wait in between (doubling, capped). The wait is kept in the outbox row, so
 * it survives a restart and holds no thread.
 *
 * @param maxAttempts  tries per page, the first included (at least 1)
 * @param firstBackoff wait before the second try
 * @param maxBackoff   longest wait between two tries
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    /**
     * Five tries within about two and a half minutes (after 10, 20, 40 and 80 s): a provider's hiccup is
     * ridden out, and a page that still fails hands over to the next person well before the next step.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(2));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a page needs at least one attempt, was " + maxAttempts);
        }
        if (firstBackoff == null || firstBackoff.isNegative() || maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= first <= max");
        }
    }

    /** The wait before try number {@code attempt} (2 = the first retry). */
    public Duration backoffBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        Duration wait = firstBackoff;
        for (int i = 2; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
