package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.T0;
import static org.shouwang.rules.EngineHarness.at;
import static org.shouwang.rules.EngineHarness.h;
import static org.shouwang.rules.EngineHarness.interval;
import static org.shouwang.rules.EngineHarness.intervals;
import static org.shouwang.rules.EngineHarness.min;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.WaterInterval;

/** NO_WATER_USE on a clock driven by hand: under 10 L in 24 h while the meter keeps reporting. */
class NoWaterUseRuleTest {

    private static final String METER = "meter-1";
    private EngineHarness rules = new EngineHarness();

    @AfterEach
    void close() {
        rules.close();
    }

    /** A meter that wakes every four hours (DEVICE_SILENT after twelve). */
    private void wakingEveryFourHours() {
        rules.close();
        rules = new EngineHarness(RuleThresholds.NONE.withMeterReportInterval(Duration.ofHours(4)));
    }

    @Test
    void firesWhenTheDayAfterTheLastUseIsCoveredAndNotAMinuteBefore() {
        // GIVEN 20 L used in the quarter hour ending at T0, then hourly reports without use
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(23), h(1), 0);
        rules.report(METER, h(23).plus(min(59)));
        assertThat(rules.alerts).isEmpty();

        // WHEN the report at T0+24h shows the whole day without use
        rules.report(METER, h(24));

        // THEN one alert, raised at that moment, named by the last use
        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.NO_WATER_USE);
            assertThat(alert.at()).isEqualTo(at(h(24)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
            assertThat(alert.detail()).contains("1月6日 08:00").contains("24 小时").contains("10 升");
        });
    }

    @Test
    void raisesOncePerEpisodeHoweverLongTheSilenceLasts() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(96), h(1), 0);

        assertThat(rules.alerts).extracting(Alert::at).containsExactly(at(h(24)));
    }

    @Test
    void waterUsedAgainClearsTheEpisodeAndALaterSilenceIsANewOne() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(30), h(1), 0);
        assertThat(rules.alerts).hasSize(1);

        rules.report(METER, h(31), interval(h(30.75), h(31), 12));

        assertThat(rules.clears).singleElement().satisfies(clear -> {
            assertThat(clear.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
            assertThat(clear.at()).isEqualTo(at(h(31)));
            assertThat(clear.detail()).startsWith("已重新用水");
        });
        rules.reports(METER, h(32), h(54), h(1), 0);
        assertThat(rules.alerts).hasSize(1);
        rules.report(METER, h(55));
        assertThat(rules.alerts).extracting(Alert::alertId).containsExactly(
                "NO_WATER_USE:meter-1:" + T0.toEpochMilli(), "NO_WATER_USE:meter-1:" + at(h(31)).toEpochMilli());
    }

    @Test
    void smallUsesCountWhenTheyAddUpWithinOneWindow() {
        // 3 + 4 + 5 L: the window ending at T0+25h holds only 4 + 5 = 9 L (the 3 L lie before it)
        rules.report(METER, h(1), interval(h(0.75), h(1), 3));
        rules.reports(METER, h(2), h(9), h(1), 0);
        rules.report(METER, h(10), interval(h(9.75), h(10), 4));
        rules.reports(METER, h(11), h(19), h(1), 0);
        rules.report(METER, h(20), interval(h(19.75), h(20), 5));
        rules.reports(METER, h(21), h(24), h(1), 0);
        assertThat(rules.alerts).isEmpty();

        rules.report(METER, h(25));

        assertThat(rules.alerts).extracting(Alert::alertId).containsExactly("NO_WATER_USE:meter-1:" + at(h(1)).toEpochMilli());
    }

    @Test
    void exactlyTheMinimumWithinTheWindowIsUse() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        for (int hour = 1; hour <= 120; hour++) {
            rules.report(METER, h(hour), hour % 20 == 0 ? new WaterInterval[] {interval(h(hour - 0.25), h(hour), 10)}
                    : new WaterInterval[0]);
        }

        assertThat(rules.alerts).isEmpty();
    }

    @Test
    void aBatchedUploadIsJudgedByItsIntervalsNotByItsArrival() {
        wakingEveryFourHours();
        // GIVEN a meter that wakes every 4 hours and uploads 16 quarter-hour intervals; 15 L used at T0+1h
        List<WaterInterval> first = new ArrayList<>(intervals(h(0), h(4), min(15), 0));
        first.set(3, interval(h(0.75), h(1), 15));
        rules.batch(METER, h(4), h(4), first);
        for (int wake = 8; wake <= 24; wake += 4) {
            rules.batch(METER, h(wake), h(wake), intervals(h(wake - 4), h(wake), min(15), 0));
        }
        // The window from the use runs to T0+25h; the upload at T0+24h does not cover it yet.
        rules.clockTo(h(27));
        assertThat(rules.alerts).isEmpty();

        // WHEN the upload at T0+28h covers it
        rules.batch(METER, h(28), h(28), intervals(h(24), h(28), min(15), 0));

        // THEN the alert comes on arrival, named by the use's own time
        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.at()).isEqualTo(at(h(28)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + at(h(1)).toEpochMilli());
        });
    }

    @Test
    void useInsideALateBatchCountsAtItsOwnTimeSoNothingIsRaised() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(20), h(1), 0);
        // The meter then buffers; at T0+26h it uploads T0+20h..T0+26h with a shower at T0+22h
        List<WaterInterval> late = new ArrayList<>(intervals(h(20), h(26), min(15), 0));
        late.set(8, interval(h(22), h(22.25), 40));
        rules.batch(METER, h(26), h(26), late);

        rules.reports(METER, h(27), h(45), h(1), 0);
        assertThat(rules.alerts(Rule.NO_WATER_USE)).isEmpty();
        rules.report(METER, h(46.25));
        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::alertId)
                .containsExactly("NO_WATER_USE:meter-1:" + at(h(22.25)).toEpochMilli());
    }

    @Test
    void lateUseFromBeforeTheWindowDoesNotEndTheEpisode() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(30), h(1), 0);
        assertThat(rules.alerts).hasSize(1);

        // A retransmission arrives at T0+31h with 15 L used at T0+2h: the last 24 h still hold nothing
        rules.batch(METER, h(2), h(31), List.of(interval(h(1.75), h(2), 15)));
        rules.reports(METER, h(32), h(60), h(1), 0);

        assertThat(rules.clears).isEmpty();
        assertThat(rules.alerts).hasSize(1);
    }

    @Test
    void aMeterThatFallsSilentIsDeviceSilentNeverNoWaterUse() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(10), h(1), 0);

        rules.clockTo(h(72));

        assertThat(rules.alerts).extracting(Alert::rule).containsExactly(Rule.DEVICE_SILENT);
    }

    @Test
    void metersAreJudgedIndependently() {
        rules.report("meter-a", h(0), interval(min(-15), h(0), 20));
        rules.report("meter-b", h(0), interval(min(-15), h(0), 20));
        for (int hour = 1; hour <= 24; hour++) {
            rules.report("meter-a", h(hour), hour == 12 ? new WaterInterval[] {interval(h(11.75), h(12), 30)}
                    : new WaterInterval[0]);
            rules.report("meter-b", h(hour));
        }

        assertThat(rules.alerts).extracting(Alert::deviceId).containsExactly("meter-b");
    }

    @Test
    void aMeterThatNeverReportedRaisesNothing() {
        rules.press("button-1", h(0), "p1");
        rules.clockTo(h(24 * 5));

        assertThat(rules.alerts(Rule.NO_WATER_USE)).isEmpty();
        assertThat(rules.alerts(Rule.DEVICE_SILENT)).isEmpty();
    }
}
