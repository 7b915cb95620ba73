package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shouwang.model.RuleThresholds;

/** Rule settings and thresholds are checked where they enter, so a bad value fails at start-up, not at 3 a.m. */
class RuleSettingsTest {

    @Test
    void defaultsAreTheDesignsThresholdsTickingEverySecondReplayingThreeDays() {
        RuleThresholds d = RuleSettings.DEFAULTS.defaults();
        assertThat(d.noWaterWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(d.noWaterWindowExtreme()).isEqualTo(Duration.ofHours(12));
        assertThat(d.noWaterMinLiters()).isEqualTo(10.0);
        assertThat(d.continuousFlow()).isEqualTo(Duration.ofHours(2));
        assertThat(d.highUseLiters()).isEqualTo(2000.0);
        assertThat(d.lowBatteryPercent()).isEqualTo(20);
        assertThat(RuleSettings.DEFAULTS.tick()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RuleSettings.DEFAULTS.recoveryLookback()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void theFirstSlicesConstructorSetsWindowAndMinimumAndKeepsTheExtremeWindowNoLonger() {
        RuleSettings s = new RuleSettings(Duration.ofHours(8), 5.0, Duration.ofSeconds(2));

        assertThat(s.defaults().noWaterWindow()).isEqualTo(Duration.ofHours(8));
        assertThat(s.defaults().noWaterWindowExtreme()).isEqualTo(Duration.ofHours(8));
        assertThat(s.defaults().noWaterMinLiters()).isEqualTo(5.0);
        assertThat(s.tick()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsAWindowUnderAMinuteOrOverThirtyDays() {
        assertThatThrownBy(() -> RuleSettings.DEFAULTS.withNoWaterWindow(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noWaterWindow");
        assertThatThrownBy(() -> RuleSettings.DEFAULTS.withNoWaterWindow(Duration.ofDays(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noWaterWindow");
        assertThat(RuleSettings.DEFAULTS.withNoWaterWindow(Duration.ofMinutes(30)).defaults().noWaterWindow())
                .isEqualTo(Duration.ofMinutes(30));
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
    void rejectsAZeroTickAShortLookbackAndIncompleteDefaults() {
        assertThatThrownBy(() -> RuleSettings.DEFAULTS.withTick(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tick");
        assertThatThrownBy(() -> RuleSettings.DEFAULTS.withRecoveryLookback(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recoveryLookback");
        assertThatThrownBy(() -> new RuleSettings(RuleThresholds.NONE, Duration.ofSeconds(1), Duration.ofDays(3),
                Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaults");
    }

    @Test
    void thresholdChecksSpeakChineseAndNameNothingButTheProblem() {
        assertThat(RuleThresholds.check("lowBatteryPercent", 0)).contains("1 到 90");
        assertThat(RuleThresholds.check("highUseLiters", -5.0)).contains("大于 0");
        assertThat(RuleThresholds.check("noWaterWindow", Duration.ofDays(40))).contains("30 天");
        assertThat(RuleThresholds.check("bogus", 1)).isEqualTo("未知的阈值项");
        assertThat(RuleThresholds.check("noWaterWindow", null)).isNull();
    }

    @Test
    void overlaysTakeEveryFieldTheUpperLevelSets() {
        RuleThresholds street = RuleThresholds.NONE.withNoWaterWindow(Duration.ofHours(20));
        RuleThresholds elder = RuleThresholds.NONE.withNoWaterMinLiters(30);

        RuleThresholds merged = RuleThresholds.DEFAULTS.overlay(street).overlay(elder);

        assertThat(merged.noWaterWindow()).isEqualTo(Duration.ofHours(20));
        assertThat(merged.noWaterMinLiters()).isEqualTo(30.0);
        assertThat(merged.highUseLiters()).isEqualTo(2000.0);
        assertThat(merged.isComplete()).isTrue();
        assertThat(street.isComplete()).isFalse();
    }
}
