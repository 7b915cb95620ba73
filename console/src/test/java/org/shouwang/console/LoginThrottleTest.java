package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-address throttle: ten failures free, then a wait from the newest that doubles, capped at the window. */
class LoginThrottleTest {

    private static final Instant T = Instant.parse("2026-01-20T02:00:00Z");

    /** {@code n} failures one second apart, newest (at T) first. */
    private static List<Instant> failures(int n) {
        return IntStream.range(0, n).mapToObj(i -> T.minusSeconds(i)).toList();
    }

    @Test
    void nineFailuresNeedNoWaitAndFromTheTenthTheWaitDoubles() {
        assertThat(LoginThrottle.waitUntil(failures(LoginThrottle.FREE_FAILURES - 1))).isEmpty();
        assertThat(LoginThrottle.waitUntil(failures(10))).contains(T.plusSeconds(1));
        assertThat(LoginThrottle.waitUntil(failures(11))).contains(T.plusSeconds(2));
        assertThat(LoginThrottle.waitUntil(failures(12))).contains(T.plusSeconds(4));
        assertThat(LoginThrottle.waitUntil(failures(19))).contains(T.plusSeconds(512));
    }

    @Test
    void theWaitNeverExceedsTheWindowHoweverManyFailures() {
        assertThat(LoginThrottle.waitUntil(failures(20))).contains(T.plus(Duration.ofMinutes(15)));
        assertThat(LoginThrottle.waitUntil(failures(LoginThrottle.COUNTED))).contains(T.plus(LoginThrottle.MAX_DELAY));
        assertThat(LoginThrottle.waitUntil(failures(500))).contains(T.plus(LoginThrottle.MAX_DELAY));
    }

    @Test
    void retryAfterRoundsUpAndStaffReadSecondsOrMinutes() {
        assertThat(LoginThrottle.secondsLeft(T, T.plusMillis(1))).isEqualTo(1);
        assertThat(LoginThrottle.secondsLeft(T, T.plusMillis(2001))).isEqualTo(3);
        assertThat(LoginThrottle.secondsLeft(T, T.minusSeconds(3))).isEqualTo(1);
        assertThat(LoginThrottle.spoken(4)).isEqualTo("4 秒");
        assertThat(LoginThrottle.spoken(61)).isEqualTo("2 分钟");
    }
}
