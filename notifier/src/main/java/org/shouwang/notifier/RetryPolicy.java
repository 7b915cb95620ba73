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
 * @param giveUpAfter  no try starts later than this after the page's first: then the page counts as failed
 *                     and the next person of the role is paged, while the rest of the step goes on
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter) {

    /** How long a person's page is retried before the next person is paged: a press is an emergency. */
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofSeconds(60);

    /**
     * Up to five tries after 10, 20, 40 s... but none later than 60 s after the first: with a provider
     * failing for one person, the next person of the role is paged after at most about a minute (at 30 s
     * when the provider answers errors at once). A timed-out try is repeated at most once (OutboxSender).
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(2));

    /** With the {@link #DEFAULT_GIVE_UP_AFTER default deadline}. */
    public RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        this(maxAttempts, firstBackoff, maxBackoff, DEFAULT_GIVE_UP_AFTER);
    }

    public RetryPolicy {
        if (giveUpAfter == null || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("the retry deadline must be zero or more, was " + giveUpAfter);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a page needs at least one attempt, was " + maxAttempts);
        }
        if (firstBackoff == null || firstBackoff.isNegative() || maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= first <= max");
        }
    }

    /** This policy with another retry deadline. */
    public RetryPolicy withGiveUpAfter(Duration deadline) {
        return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, deadline);
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
