package org.shouwang.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lock-out rule: {@link #MAX_FAILURES} failed logins of one username from one client address within
 * {@link #WINDOW}, counted since its last success from that address, lock that username at that address
 * until the oldest of them leaves the window. Other addresses are not locked, so nobody can keep the duty
 * officer out by failing with their name; guessing from many addresses is slowed by {@link LoginThrottle}
 * per address. Unknown usernames are counted and locked alike, so the lock-out tells a guesser nothing
 * about which names exist.
 */
final class LockOut {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private LockOut() {
    }

    /** Since when failures count at {@code now}. */
    static Instant windowStart(Instant now) {
        return now.minus(WINDOW);
    }

    /** Until when the username is locked, given its failures in the window (newest first); empty when not. */
    static Optional<Instant> lockedUntil(List<Instant> failuresNewestFirst) {
        if (failuresNewestFirst.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        return Optional.of(failuresNewestFirst.get(MAX_FAILURES - 1).plus(WINDOW));
    }

    /** Whole minutes, rounded up, for the message staff read. */
    static long minutesLeft(Instant now, Instant until) {
        long seconds = Math.max(0, Duration.between(now, until).toSeconds());
        return Math.max(1, (seconds + 59) / 60);
    }
}
