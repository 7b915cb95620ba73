package org.shouwang.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-address throttle on logins: an address gets {@link #FREE_FAILURES} failed logins within
 * {@link #WINDOW} (whatever the usernames), then must wait before its next attempt is even checked:
 * {@link #FIRST_DELAY} after the newest failure, doubling with every further failure, at most
 * {@link #MAX_DELAY}. A success does not clear the count, so one known password buys no more guesses.
 */
final class LoginThrottle {

    /** Enough for a few people behind one office router to mistype; far below a guessing run. */
    static final int FREE_FAILURES = 10;
    static final Duration WINDOW = LockOut.WINDOW;
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** No address waits longer than one window: by then its oldest failures have left it anyway. */
    static final Duration MAX_DELAY = WINDOW;
    /** How many failures are read: the delay reached its cap long before (2^30 s). */
    static final int COUNTED = FREE_FAILURES + 31;

    private LoginThrottle() {
    }

    /** Since when failures count at {@code now}. */
    static Instant windowStart(Instant now) {
        return now.minus(WINDOW);
    }

    /** Until when the address must wait, given its failures in the window (newest first); empty when it need not. */
    static Optional<Instant> waitUntil(List<Instant> failuresNewestFirst) {
        int over = failuresNewestFirst.size() - FREE_FAILURES;
        if (over < 0) {
            return Optional.empty();
        }
        Duration delay = over >= 30 ? MAX_DELAY : FIRST_DELAY.multipliedBy(1L << over);
        return Optional.of(failuresNewestFirst.get(0).plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay));
    }

    /** Whole seconds, rounded up and at least one, for {@code Retry-After}. */
    static long secondsLeft(Instant now, Instant until) {
        long millis = Math.max(0, Duration.between(now, until).toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The wait as staff read it: seconds below a minute, whole minutes (rounded up) above. */
    static String spoken(long seconds) {
        return seconds < 60 ? seconds + " 秒" : (seconds + 59) / 60 + " 分钟";
    }
}
