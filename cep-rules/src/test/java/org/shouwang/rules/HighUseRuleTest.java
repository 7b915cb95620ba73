package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.at;
import static org.shouwang.rules.EngineHarness.h;
import static org.shouwang.rules.EngineHarness.interval;
import static org.shouwang.rules.EngineHarness.min;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleThresholds;

/**
 * HIGH_USE: over 2 m³ in one calendar day, Asia/Shanghai. T0 is 08:00 local, so local midnight is T0+16h.
 * Use comes in bursts with pauses, so CONTINUOUS_FLOW stays out of it.
 */
class HighUseRuleTest {

    private static final String METER = "meter-1";
    private final EngineHarness rules = new EngineHarness(RuleThresholds.NONE.withMeterReportInterval(Duration.ofHours(4)));

    @AfterEach
    void close() {
        rules.close();
    }

    @Test
    void firesWhenTheDaysTotalPassesTwoCubicMetresNotAtExactlyTwo() {
        // 10 bursts of 200 L: exactly 2000 L by T0+10h
        for (int i = 1; i <= 10; i++) {
            rules.report(METER, h(i), interval(h(i - 0.25), h(i), 200));
        }
        assertThat(rules.alerts).isEmpty();

        rules.report(METER, h(11), interval(h(10.75), h(11), 1));

        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.HIGH_USE);
            assertThat(alert.at()).isEqualTo(at(h(11)));
            assertThat(alert.alertId()).isEqualTo("HIGH_USE:meter-1:2025-01-06");
            assertThat(alert.detail()).contains("2001 升").contains("2000 升");
        });
    }

    @Test
    void intervalsCountOnTheirOwnLocalDaySoUseAcrossMidnightIsSplit() {
        // 1200 L before local midnight (T0+16h) and 1200 L after: neither day passes 2000 L
        for (double end : new double[] {15, 15.5, 16, 16.5, 17, 17.5}) {
            rules.report(METER, h(end), interval(h(end - 0.25), h(end), 400));
        }

        assertThat(rules.alerts).isEmpty();
    }

    @Test
    void aSecondHighDayAttachesToTheOpenEpisodeAndANormalDayClearsIt() {
        for (int i = 1; i <= 11; i++) {
            rules.report(METER, h(i), interval(h(i - 0.25), h(i), 200));
        }
        // next local day (from T0+16h) high as well
        for (int i = 17; i <= 27; i++) {
            rules.report(METER, h(i), interval(h(i - 0.25), h(i), 200));
        }
        assertThat(rules.alerts).extracting(Alert::alertId).containsExactly("HIGH_USE:meter-1:2025-01-06");

        // the day after (Jan 8, T0+40h..T0+64h) normal; it is judged once the data covers it
        rules.report(METER, h(48), interval(h(47.75), h(48), 100));
        rules.report(METER, h(63.9));
        assertThat(rules.clears(Rule.HIGH_USE)).isEmpty();

        rules.report(METER, h(64.5));

        assertThat(rules.clears(Rule.HIGH_USE)).singleElement().satisfies(clear -> {
            assertThat(clear.alertId()).isEqualTo("HIGH_USE:meter-1:2025-01-06");
            assertThat(clear.detail()).contains("2025-01-08");
        });
    }

    @Test
    void lateDataLandsOnItsOwnDay() {
        for (int i = 1; i <= 9; i++) {
            rules.report(METER, h(i), interval(h(i - 0.25), h(i), 200));
        }
        rules.clockTo(h(20));
        // a retransmission of Jan 6's 11:00 quarter hour arrives after local midnight
        rules.batch(METER, h(3.5), h(20), java.util.List.of(interval(h(3.25), h(3.5), 250)));

        assertThat(rules.alerts).extracting(Alert::alertId).containsExactly("HIGH_USE:meter-1:2025-01-06");
    }

    @Test
    void alertsPerMeter() {
        rules.report("meter-a", h(1), interval(min(0), h(1), 2100));
        rules.report("meter-b", h(1), interval(min(0), h(1), 1900));

        assertThat(rules.alerts).extracting(Alert::deviceId).containsExactly("meter-a");
    }
}
