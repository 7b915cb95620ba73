package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
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

/** CONTINUOUS_FLOW: water running without a pause for 2 h, judged by the intervals' own times. */
class ContinuousFlowRuleTest {

    private static final String METER = "meter-1";
    /** A tap left open: 6 L/min, 90 L per quarter hour. */
    private static final double OPEN_TAP = 90;

    private EngineHarness rules = new EngineHarness(RuleThresholds.NONE.withMeterReportInterval(Duration.ofHours(4)));

    @AfterEach
    void close() {
        rules.close();
    }

    @Test
    void firesWithTheIntervalThatCompletesTwoHoursAndNotWithTheOneBefore() {
        // quarter-hour reports of a tap running from T0+1h
        rules.reports(METER, h(0.25), h(1), min(15), 0);
        for (Duration end = h(1.25); end.compareTo(h(2.75)) <= 0; end = end.plus(min(15))) {
            rules.report(METER, end, interval(end.minus(min(15)), end, OPEN_TAP));
        }
        assertThat(rules.alerts).isEmpty();

        rules.report(METER, h(3), interval(h(2.75), h(3), OPEN_TAP));

        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.CONTINUOUS_FLOW);
            assertThat(alert.at()).isEqualTo(at(h(3)));
            assertThat(alert.alertId()).isEqualTo("CONTINUOUS_FLOW:meter-1:" + at(h(1)).toEpochMilli());
            assertThat(alert.detail()).contains("2 小时").contains("720 升");
        });
    }

    @Test
    void raisesOnceWhileTheWaterRunsAndClearsWhenItStops() {
        for (Duration end = h(0.25); end.compareTo(h(5)) <= 0; end = end.plus(min(15))) {
            rules.report(METER, end, interval(end.minus(min(15)), end, OPEN_TAP));
        }
        assertThat(rules.alerts).hasSize(1);

        rules.report(METER, h(5.25), interval(h(5), h(5.25), 0.5));

        assertThat(rules.clears).singleElement().satisfies(clear -> {
            assertThat(clear.alertId()).isEqualTo(rules.alerts.get(0).alertId());
            assertThat(clear.at()).isEqualTo(at(h(5.25)));
        });
    }

    @Test
    void aReportPastTheStretchWithoutRunningWaterClearsIt() {
        rules.batch(METER, h(2.5), h(2.5), intervals(h(0), h(2.5), min(15), OPEN_TAP));
        assertThat(rules.alerts).hasSize(1);

        // Meters may leave out intervals without use: the data going past the stretch is enough.
        rules.report(METER, h(3));

        assertThat(rules.clears(Rule.CONTINUOUS_FLOW)).hasSize(1);
    }

    @Test
    void aBatchIsJudgedByItsIntervalsSoAStretchThatAlreadyEndedIsRaisedAndCleared() {
        // A meter waking every four hours uploads a 2.5-hour stretch that stopped before the upload
        List<WaterInterval> batch = new ArrayList<>(intervals(h(0), h(4), min(15), 0));
        for (int i = 2; i < 12; i++) {
            batch.set(i, interval(min(15L * i), min(15L * (i + 1)), OPEN_TAP));
        }
        rules.batch(METER, h(4), h(4), batch);

        assertThat(rules.alerts).extracting(Alert::alertId)
                .containsExactly("CONTINUOUS_FLOW:meter-1:" + at(h(0.5)).toEpochMilli());
        assertThat(rules.clears).extracting(c -> c.alertId()).containsExactly(rules.alerts.get(0).alertId());
    }

    @Test
    void everydayUseBelowTheRunningRateNeverCountsAsContinuousFlow() {
        // 6 L every quarter hour all day long (0.4 L/min): plenty of water, never a running tap
        for (Duration end = h(0.25); end.compareTo(h(24)) <= 0; end = end.plus(min(15))) {
            rules.report(METER, end, interval(end.minus(min(15)), end, 6));
        }

        assertThat(rules.alerts).isEmpty();
    }

    @Test
    void aPauseStartsANewStretch() {
        for (Duration end = h(0.25); end.compareTo(h(1.75)) <= 0; end = end.plus(min(15))) {
            rules.report(METER, end, interval(end.minus(min(15)), end, OPEN_TAP));
        }
        rules.report(METER, h(2), interval(h(1.75), h(2), 0));
        for (Duration end = h(2.25); end.compareTo(h(3.75)) <= 0; end = end.plus(min(15))) {
            rules.report(METER, end, interval(end.minus(min(15)), end, OPEN_TAP));
        }

        assertThat(rules.alerts).isEmpty();
    }

    @Test
    void aLateIntervalThatJoinsTheStretchFromBeforeCountsAtItsOwnTime() {
        // 1 h 45 min of running water arrives first, the quarter hour before it arrives late
        rules.batch(METER, h(2), h(2), intervals(h(0.25), h(2), min(15), OPEN_TAP));
        assertThat(rules.alerts).isEmpty();

        rules.batch(METER, h(0.25), h(2.1), List.of(interval(h(0), h(0.25), OPEN_TAP)));

        assertThat(rules.alerts).extracting(Alert::alertId).containsExactly("CONTINUOUS_FLOW:meter-1:" + at(h(0)).toEpochMilli());
    }
}
