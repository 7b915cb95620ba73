package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rule settings are checked where they enter, so a bad value fails at start-up, not at 3 a.m. */
class RuleSettingsTest {

    @Test
    void defaultsAreTheDesignsTenLitresInTwentyFourHoursTickingEverySecond() {
        assertThat(RuleSettings.DEFAULTS).isEqualTo(
                new RuleSettings(Duration.ofHours(24), 10.0, Duration.ofSeconds(1)));
    }

    @Test
    void rejectsAWindowShorterThanOneMillisecond() {
        assertThatThrownBy(() -> RuleSettings.DEFAULTS.withNoWaterWindow(Duration.ofNanos(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noWaterWindow");
        assertThatThrownBy(() -> RuleSettings.DEFAULTS.withNoWaterWindow(Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZeroNegativeOrNonFiniteMinimumLitres() {
        for (double liters : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new RuleSettings(Duration.ofHours(24), liters, Duration.ofSeconds(1)))
                    .as("min liters %s", liters)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noWaterMinLiters");
        }
    }

    @Test
    void rejectsAZeroTickAndMissingValues() {
        assertThatThrownBy(() -> RuleSettings.DEFAULTS.withTick(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tick");
        assertThatThrownBy(() -> new RuleSettings(null, 10.0, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class);
    }
}
