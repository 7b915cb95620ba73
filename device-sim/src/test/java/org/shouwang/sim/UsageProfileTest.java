package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Simulated water use looks like an elder's day and is repeatable from a seed. */
class UsageProfileTest {

    /** Midnight in Shanghai. */
    private static final Instant DAY = Instant.parse("2025-03-01T16:00:00Z");

    @Test
    void aTypicalDayUsesAboutOneHundredLitres() {
        double day = UsageProfile.typical().expectedLiters(DAY, DAY.plus(Duration.ofDays(1)));

        assertThat(day).isBetween(80.0, 120.0);
    }

    @Test
    void morningsUseMoreThanEarlyAfternoons() {
        UsageProfile profile = UsageProfile.typical();
        double morning = profile.expectedLiters(DAY.plus(Duration.ofHours(7)), DAY.plus(Duration.ofHours(8)));
        double afternoon = profile.expectedLiters(DAY.plus(Duration.ofHours(14)), DAY.plus(Duration.ofHours(15)));

        assertThat(morning).isGreaterThan(4 * afternoon);
    }

    @Test
    void partialHoursAreProRated() {
        UsageProfile profile = UsageProfile.typical();
        Instant seven = DAY.plus(Duration.ofHours(7));

        assertThat(profile.expectedLiters(seven, seven.plus(Duration.ofMinutes(30))))
                .isCloseTo(profile.expectedLiters(seven, seven.plus(Duration.ofHours(1))) / 2, within(1e-9));
    }

    @Test
    void theSameSeedGivesTheSameReadings() {
        UsageProfile profile = UsageProfile.typical();
        Random a = new Random(42);
        Random b = new Random(42);
        Instant start = DAY.plus(Duration.ofHours(19));

        for (int i = 0; i < 10; i++) {
            Instant from = start.plus(Duration.ofMinutes(5L * i));
            Instant to = from.plus(Duration.ofMinutes(5));
            assertThat(profile.liters(from, to, a)).isEqualTo(profile.liters(from, to, b));
            assertThat(profile.flowLpm(to, a)).isEqualTo(profile.flowLpm(to, b));
        }
    }

    @Test
    void aHomeWithScaleZeroUsesNoWater() {
        UsageProfile none = new UsageProfile(0);

        assertThat(none.liters(DAY, DAY.plus(Duration.ofDays(1)), new Random(1))).isZero();
        assertThat(none.flowLpm(DAY.plus(Duration.ofHours(7)), new Random(1))).isZero();
    }
}
