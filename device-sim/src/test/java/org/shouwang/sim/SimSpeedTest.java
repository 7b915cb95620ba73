package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Speeds place the period so it ends when the run ends: no message is ever dated after the moment it is sent. */
class SimSpeedTest {

    private static final Instant NOW = Instant.parse("2026-03-03T07:00:00Z");

    @Test
    void atMaxThePeriodEndsNowAndNothingWaits() {
        assertThat(SimSpeed.parse("max").periodEnd(NOW, Duration.ofHours(26))).isEqualTo(NOW);
        assertThat(SimSpeed.MAX.realNanos(Duration.ofHours(26))).isZero();
    }

    @Test
    void atSixtyTimesADayEndsTwentyFourMinutesFromNow() {
        SimSpeed sixty = SimSpeed.parse("60");

        assertThat(sixty.periodEnd(NOW, Duration.ofDays(1))).isEqualTo(NOW.plus(Duration.ofMinutes(24)));
        assertThat(sixty.realNanos(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1).toNanos());
        assertThat(SimSpeed.parse("1").periodEnd(NOW, Duration.ofHours(1))).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(SimSpeed.parse("2.5x")).isEqualTo(new SimSpeed(2.5));
    }

    @Test
    void slowerThanLiveOrNotANumberIsRefused() {
        assertThatThrownBy(() -> SimSpeed.parse("0.5")).hasMessageContaining("1 (live) or more");
        assertThatThrownBy(() -> SimSpeed.parse("fast")).hasMessageContaining("not 'fast'");
        assertThatThrownBy(() -> SimSpeed.parse("NaN")).isInstanceOf(IllegalArgumentException.class);
    }
}
