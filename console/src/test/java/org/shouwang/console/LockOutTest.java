package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lock-out rule: five failures in fifteen minutes lock until the oldest of them leaves the window. */
class LockOutTest {

    private static final Instant T = Instant.parse("2026-01-20T02:00:00Z");

    @Test
    void fourFailuresDoNotLockAndTheFifthLocksUntilTheOldestOfThemIsFifteenMinutesOld() {
        List<Instant> four = List.of(T.plusSeconds(240), T.plusSeconds(180), T.plusSeconds(120), T.plusSeconds(60));
        assertThat(LockOut.lockedUntil(four)).isEmpty();

        List<Instant> five = List.of(T.plusSeconds(300), T.plusSeconds(240), T.plusSeconds(180), T.plusSeconds(120),
                T.plusSeconds(60));
        assertThat(LockOut.lockedUntil(five)).contains(T.plusSeconds(60).plus(LockOut.WINDOW));
    }

    @Test
    void minutesLeftRoundUpAndNeverSayZero() {
        assertThat(LockOut.minutesLeft(T, T.plusSeconds(61))).isEqualTo(2);
        assertThat(LockOut.minutesLeft(T, T.plusSeconds(1))).isEqualTo(1);
        assertThat(LockOut.minutesLeft(T, T.minusSeconds(5))).isEqualTo(1);
    }
}
