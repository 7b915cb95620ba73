package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.T0;
import static org.shouwang.rules.EngineHarness.at;
import static org.shouwang.rules.EngineHarness.h;
import static org.shouwang.rules.EngineHarness.interval;
import static org.shouwang.rules.EngineHarness.intervals;
import static org.shouwang.rules.EngineHarness.min;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.Rule;
import org.shouwang.model.WaterInterval;

/**
 * The defects a month of simulated homes found in the fixed rules (issue 12), each on a clock driven by hand: a
 * fall after a resolved false alarm never paged, a meter back from a dead battery taken for a day without water,
 * NO_WATER_USE flapping, hourly meters read as water that never stops. T0 is 08:00 in Asia/Shanghai.
 */
class FalseAlarmDefectsTest {

    private static final String METER = "meter-1";
    private static final String BUTTON = "button-1";
    private final EngineHarness rules = new EngineHarness();

    @AfterEach
    void close() {
        rules.close();
    }

    // ---- resolving re-arms the rule ------------------------------------------------------------------

    @Test
    void aFallAfterAnElderSafeResolutionRaisesAgainAWindowAfterTheResolution() {
        // GIVEN a frugal day raised NO_WATER_USE at T0+24h and staff resolved it as "elder safe" at T0+26h
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(26), h(1), 0);
        Alert first = rules.alerts(Rule.NO_WATER_USE).get(0);
        rules.engine.incidentResolved(List.of(first.alertId()), at(h(26)));

        // WHEN the elder (who fell) uses no water again
        rules.reports(METER, h(27), h(49), h(1), 0);
        assertThat(rules.alerts(Rule.NO_WATER_USE)).hasSize(1);
        rules.reports(METER, h(50), h(50), h(1), 0);

        // THEN the same silence raises again 24 h after the resolution, under a new id, and the first episode
        // was closed by the resolution (not by water)
        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::alertId, Alert::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("NO_WATER_USE:meter-1:" + T0.toEpochMilli(), at(h(24))),
                org.assertj.core.groups.Tuple.tuple("NO_WATER_USE:meter-1:" + at(h(26)).toEpochMilli(), at(h(50))));
        assertThat(rules.clears(Rule.NO_WATER_USE)).singleElement().satisfies(c -> {
            assertThat(c.alertId()).isEqualTo(first.alertId());
            assertThat(c.at()).isEqualTo(at(h(26)));
            assertThat(c.detail()).contains("事件已结案");
        });
    }

    @Test
    void aResolutionOfAnotherAlertOrBeforeTheRaiseChangesNothing() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(25), h(1), 0);
        String id = rules.alerts(Rule.NO_WATER_USE).get(0).alertId();

        rules.engine.incidentResolved(List.of("BUTTON_PRESSED:button-1:p1"), at(h(25)));
        rules.engine.incidentResolved(List.of(id), at(h(23)));
        rules.reports(METER, h(26), h(60), h(1), 0);

        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::alertId).containsExactly(id);
        assertThat(rules.clears).isEmpty();
    }

    @Test
    void resolvingARunningFlowWatchesTheFlowAgainFromTheResolution() {
        // 20 L every quarter hour from T0: CONTINUOUS_FLOW at T0+2h; resolved at T0+2.5h while it still runs
        for (int q = 1; q <= 10; q++) {
            rules.report(METER, min(q * 15L), interval(min(q * 15L - 15), min(q * 15L), 20));
        }
        assertThat(rules.alerts(Rule.CONTINUOUS_FLOW)).hasSize(1);
        rules.engine.incidentResolved(List.of(rules.alerts(Rule.CONTINUOUS_FLOW).get(0).alertId()), at(h(2.5)));

        for (int q = 11; q <= 17; q++) {
            rules.report(METER, min(q * 15L), interval(min(q * 15L - 15), min(q * 15L), 20));
        }
        assertThat(rules.alerts(Rule.CONTINUOUS_FLOW)).hasSize(1);
        rules.report(METER, min(18 * 15L), interval(min(17 * 15L), min(18 * 15L), 20));

        assertThat(rules.alerts(Rule.CONTINUOUS_FLOW)).extracting(Alert::alertId, Alert::at).last().isEqualTo(
                org.assertj.core.groups.Tuple.tuple("CONTINUOUS_FLOW:meter-1:" + at(h(2.5)).toEpochMilli(), at(h(4.5))));
    }

    @Test
    void resolvingASilentMeterRaisesAgainIfItStaysSilentAnotherThreeReportIntervals() {
        rules.reports(METER, h(0), h(5), h(1), 0);
        rules.clockTo(h(8));
        Alert silent = rules.alerts(Rule.DEVICE_SILENT).get(0);
        rules.engine.incidentResolved(List.of(silent.alertId()), at(h(9)));

        rules.clockTo(h(12).minus(min(1)));
        assertThat(rules.alerts(Rule.DEVICE_SILENT)).hasSize(1);
        rules.clockTo(h(12));

        assertThat(rules.alerts(Rule.DEVICE_SILENT)).extracting(Alert::alertId)
                .containsExactly(silent.alertId(), "DEVICE_SILENT:meter-1:" + at(h(9)).toEpochMilli());
        assertThat(rules.alerts(Rule.NO_WATER_USE)).isEmpty();
    }

    @Test
    void aResolvedLowBatteryStaysOpenSoTheNextReadingDoesNotRaiseItAgain() {
        rules.report(METER, h(0), 15);
        String id = rules.alerts(Rule.LOW_BATTERY).get(0).alertId();
        rules.engine.incidentResolved(List.of(id), at(h(1)));
        rules.report(METER, h(2), 14);

        assertThat(rules.alerts(Rule.LOW_BATTERY)).hasSize(1);
        assertThat(rules.engine.openEpisodes()).extracting(OpenEpisode::alertId).contains(id);
    }

    // ---- a silent meter is never NO_WATER_USE ---------------------------------------------------------

    @Test
    void aMeterThatStopsMidDayAndComesBackWithANewBatteryAndNoBacklogRaisesNoNoWaterUse() {
        // GIVEN water used at 08:00 and 11:00, the battery dies at 12:00
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(2), h(1), 0);
        rules.report(METER, h(3), interval(h(2.75), h(3), 15));
        rules.reports(METER, h(4), h(4), h(1), 0);
        rules.clockTo(h(40));
        assertThat(rules.alerts).extracting(Alert::rule).containsExactly(Rule.DEVICE_SILENT);

        // WHEN a new battery's first reading (no intervals) comes 34 h later, then intervals from then on
        rules.readingWithoutIntervals(METER, h(40));
        rules.batch(METER, h(41), h(41), intervals(h(40), h(41), min(15), 0));
        rules.batch(METER, h(42), h(42), intervals(h(41), h(42), min(15), 0));

        // THEN nothing people-facing: the 34 h nobody measured are not 34 h without water
        assertThat(rules.alerts).extracting(Alert::alertId, Alert::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DEVICE_SILENT:meter-1:" + at(h(4)).toEpochMilli(), at(h(7))));
        assertThat(rules.clears(Rule.DEVICE_SILENT)).hasSize(1);
    }

    @Test
    void aMeterBackWithoutBacklogIsWatchedFromItsFirstIntervalAgain() {
        // GIVEN use at 21:00, the meter dead from 23:00 (night) until 15:00 the next day, back without its backlog
        rules.report(METER, h(13), interval(h(12.75), h(13), 20));
        rules.reports(METER, h(14), h(15), h(1), 0);
        rules.clockTo(h(31));
        rules.batch(METER, h(32), h(32), intervals(h(31), h(32), min(15), 0));
        assertThat(rules.alerts(Rule.NO_WATER_USE)).isEmpty();

        // WHEN it then reports no use: the watch counts from 15:00 (T0+31h), so 24 h later, not at once
        rules.reports(METER, h(33), h(54), h(1), 0);
        assertThat(rules.alerts(Rule.NO_WATER_USE)).isEmpty();
        rules.reports(METER, h(55), h(55), h(1), 0);

        assertThat(rules.alerts(Rule.NO_WATER_USE)).singleElement().satisfies(a -> {
            assertThat(a.at()).isEqualTo(at(h(55)));
            assertThat(a.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + at(h(31)).toEpochMilli());
        });
    }

    @Test
    void aMeterBackWithItsBacklogIsJudgedByIt() {
        // GIVEN use at 08:00, the meter buffering from 10:00: its radio is down, it still meters
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(2), h(1), 0);
        rules.clockTo(h(30));
        assertThat(rules.alerts).extracting(Alert::rule).containsExactly(Rule.DEVICE_SILENT);

        // WHEN it comes back at T0+30h with every quarter hour since, none with water
        rules.batch(METER, h(30), h(30), intervals(h(2), h(30), min(15), 0));

        // THEN its own data shows a day without water: NO_WATER_USE, named by the last use
        assertThat(rules.alerts(Rule.NO_WATER_USE)).singleElement().satisfies(a -> {
            assertThat(a.at()).isEqualTo(at(h(30)));
            assertThat(a.alertId()).isEqualTo("NO_WATER_USE:meter-1:" + T0.toEpochMilli());
        });
    }

    @Test
    void aMeterBackWithABacklogShowingUseRaisesNothing() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        rules.reports(METER, h(1), h(2), h(1), 0);
        rules.clockTo(h(30));
        List<WaterInterval> backlog = new java.util.ArrayList<>(intervals(h(2), h(30), min(15), 0));
        backlog.set(50, interval(h(14.5), h(14.75), 30));
        rules.batch(METER, h(30), h(30), backlog);
        rules.reports(METER, h(31), h(37), h(1), 0);

        assertThat(rules.alerts(Rule.NO_WATER_USE)).isEmpty();
    }

    @Test
    void readingsWithoutIntervalsNeverRaiseNoWaterUse() {
        rules.report(METER, h(0), interval(min(-15), h(0), 20));
        for (int hour = 1; hour <= 72; hour++) {
            rules.readingWithoutIntervals(METER, h(hour));
        }

        assertThat(rules.alerts).isEmpty();
    }

    // ---- NO_WATER_USE clears with hysteresis ----------------------------------------------------------

    @Test
    void aTrickleJustOverTheMinimumDoesNotClearSoTheAlertDoesNotFlap() {
        // GIVEN 5 L at T0 and 5 L at T0+2h, then nothing: NO_WATER_USE at T0+24h
        rules.report(METER, h(0), interval(min(-15), h(0), 5));
        rules.report(METER, h(2), interval(h(1.75), h(2), 5));
        rules.reports(METER, h(3), h(24), h(1), 0);
        assertThat(rules.alerts(Rule.NO_WATER_USE)).hasSize(1);

        // WHEN 6 L at T0+25h lift the last 24 h over 10 L only until T0+26h
        rules.report(METER, h(25), interval(h(24.75), h(25), 6));
        rules.reports(METER, h(26), h(29), h(1), 0);

        // THEN no clear and no second alert: the episode stays open
        assertThat(rules.clears(Rule.NO_WATER_USE)).isEmpty();
        assertThat(rules.alerts(Rule.NO_WATER_USE)).hasSize(1);

        // AND real use (10 L now) clears it
        rules.report(METER, h(30), interval(h(29.75), h(30), 10));
        assertThat(rules.clears(Rule.NO_WATER_USE)).extracting(AlertCleared::at).containsExactly(at(h(30)));
    }

    // ---- continuous flow only from data that can show it ----------------------------------------------

    @Test
    void hourlyIntervalsOfOrdinaryUseAreNotContinuousFlow() {
        // 30 L in each of four hours (0.5 L/min on average): a busy morning, not a tap left open
        rules.report(METER, h(0), interval(min(-60), h(0), 30));
        rules.report(METER, h(1), interval(h(0), h(1), 30));
        rules.report(METER, h(2), interval(h(1), h(2), 30));
        rules.report(METER, h(3), interval(h(2), h(3), 30));

        assertThat(rules.alerts(Rule.CONTINUOUS_FLOW)).isEmpty();
    }

    @Test
    void hourlyIntervalsOfATapLeftOpenAreContinuousFlow() {
        // 300 L an hour (5 L/min) for two hours: no household uses that much that long
        rules.report(METER, h(1), interval(h(0), h(1), 300));
        rules.report(METER, h(2), interval(h(1), h(2), 300));

        assertThat(rules.alerts(Rule.CONTINUOUS_FLOW)).singleElement().satisfies(a ->
                assertThat(a.alertId()).isEqualTo("CONTINUOUS_FLOW:meter-1:" + T0.toEpochMilli()));
    }

    @Test
    void fifteenMinuteIntervalsAtTheRunningRateStillShowFlow() {
        for (int q = 1; q <= 8; q++) {
            rules.report(METER, min(q * 15L), interval(min(q * 15L - 15), min(q * 15L), 8));
        }

        assertThat(rules.alerts(Rule.CONTINUOUS_FLOW)).hasSize(1);
    }
}
