package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.T0;
import static org.shouwang.rules.EngineHarness.at;
import static org.shouwang.rules.EngineHarness.h;
import static org.shouwang.rules.EngineHarness.min;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.UploadCadence;

/** DEVICE_SILENT: a meter missing three report intervals (by arrival), a button offline for its heartbeat period. */
class DeviceSilentRuleTest {

    private static final String METER = "meter-1";
    private static final String BUTTON = "button-1";
    private final EngineHarness rules = new EngineHarness();

    @AfterEach
    void close() {
        rules.close();
    }

    @Test
    void aMeterReportingHourlyIsSilentThreeHoursAfterItsLastMessageNotAMinuteBefore() {
        rules.reports(METER, h(0), h(5), h(1), 0);

        rules.clockTo(h(8).minus(min(1)));
        assertThat(rules.alerts).isEmpty();
        rules.clockTo(h(8));

        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.DEVICE_SILENT);
            assertThat(alert.at()).isEqualTo(at(h(8)));
            assertThat(alert.alertId()).isEqualTo("DEVICE_SILENT:meter-1:" + at(h(5)).toEpochMilli());
            assertThat(alert.detail()).contains("3 小时");
        });
    }

    @Test
    void aDeadlineAtAnOddMillisecondFiresAtThatMillisecondNotOneBefore() {
        // The timer waits (dueAt - now) / 1000.0 seconds (timers.epl): a deadline that is no whole second away
        // must still fall on its own millisecond.
        Duration last = h(5).plusMillis(1_234_567);
        rules.report(METER, last);

        rules.clockTo(last.plus(h(3)).minusMillis(1));
        assertThat(rules.alerts).isEmpty();
        rules.clockTo(last.plus(h(3)));

        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo(Rule.DEVICE_SILENT);
            assertThat(alert.at()).isEqualTo(at(last.plus(h(3))));
        });
    }

    @Test
    void raisesOnceAndClearsWhenTheMeterReportsAgain() {
        rules.report(METER, h(0));
        rules.clockTo(h(30));
        assertThat(rules.alerts).hasSize(1);

        rules.report(METER, h(31), EngineHarness.interval(h(30.75), h(31), 12));

        assertThat(rules.clears).singleElement().satisfies(clear -> {
            assertThat(clear.rule()).isEqualTo(Rule.DEVICE_SILENT);
            assertThat(clear.at()).isEqualTo(at(h(31)));
        });
        rules.clockTo(h(34));
        assertThat(rules.alerts).extracting(Alert::alertId).containsExactly(
                "DEVICE_SILENT:meter-1:" + T0.toEpochMilli(), "DEVICE_SILENT:meter-1:" + at(h(31)).toEpochMilli());
    }

    @Test
    void aMeterBackAfterASilenceWhoseDataShowsNoUseIsNoWaterUseToo() {
        // Silence alone is technical; data proving a day without water is not, however late it comes.
        rules.report(METER, h(0), EngineHarness.interval(min(-15), h(0), 20));
        rules.clockTo(h(30));
        rules.report(METER, h(31));

        assertThat(rules.alerts).extracting(Alert::rule).containsExactly(Rule.DEVICE_SILENT, Rule.NO_WATER_USE);
        assertThat(rules.alerts(Rule.NO_WATER_USE).get(0).at()).isEqualTo(at(h(31)));
    }

    @Test
    void anyMessageIsASignOfLifeEvenOneWithOldIntervals() {
        rules.report(METER, h(0));
        rules.batch(METER, h(-5), h(2.5), List.of());
        rules.clockTo(h(5));
        assertThat(rules.alerts).isEmpty();
        rules.clockTo(h(5.5));
        assertThat(rules.alerts).hasSize(1);
    }

    @Test
    void anElderOverrideOfTheReportIntervalLengthensTheSilence() {
        rules.engine.applyContext(context(Map.of(7L, RuleThresholds.NONE.withMeterReportInterval(Duration.ofHours(4)))));
        rules.report(METER, h(0));

        rules.clockTo(h(11.9));
        assertThat(rules.alerts).isEmpty();
        rules.clockTo(h(12));
        assertThat(rules.alerts).hasSize(1);
    }

    @Test
    void aButtonOfflineForItsHeartbeatPeriodIsSilentAndBackOnlineClearsIt() {
        rules.engine.applyContext(context(Map.of()));
        rules.clockTo(h(1));
        rules.engine.onStatus(new DeviceStatus(BUTTON, false, at(h(1))));

        rules.clockTo(h(2).minus(min(1)));
        assertThat(rules.alerts).isEmpty();
        rules.clockTo(h(2));
        assertThat(rules.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("DEVICE_SILENT:button-1:" + at(h(1)).toEpochMilli());
            assertThat(alert.detail()).contains("离线");
        });

        rules.clockTo(h(3));
        rules.engine.onStatus(new DeviceStatus(BUTTON, true, at(h(3))));
        assertThat(rules.clears).extracting(c -> c.alertId()).containsExactly(rules.alerts.get(0).alertId());
    }

    @Test
    void aButtonBackOnlineWithinItsHeartbeatRaisesNothing() {
        rules.engine.applyContext(context(Map.of()));
        rules.engine.onStatus(new DeviceStatus(BUTTON, false, at(h(0))));
        rules.clockTo(h(0.5));
        rules.press(BUTTON, h(0.5), "p1");

        rules.clockTo(h(48));

        assertThat(rules.alerts).extracting(Alert::rule).containsExactly(Rule.BUTTON_PRESSED);
    }

    @Test
    void anIdleButtonIsNeverSilent() {
        rules.engine.applyContext(context(Map.of()));
        rules.press(BUTTON, h(0), "p1");

        rules.clockTo(h(24 * 7));

        assertThat(rules.alerts(Rule.DEVICE_SILENT)).isEmpty();
    }

    @Test
    void aDailyUploadingMeterIsSilentOnlyAfterItsConfiguredMissedUploadsNotAfterThreeHours() {
        // A carrier meter uploading once a day, silent after 2 missed uploads (issue 14).
        rules.engine.applyContext(new RuleContext(List.of(new RuleContext.DeviceHome(METER, DeviceKind.WATER_METER, 7,
                "平江街道", null, null, new UploadCadence(Duration.ofDays(1), 2))), RuleThresholds.NONE, Map.of(), Map.of(),
                false, Set.of(), List.of()));
        rules.report(METER, h(0));

        rules.clockTo(h(47));
        assertThat(rules.alerts(Rule.DEVICE_SILENT)).isEmpty();
        rules.clockTo(h(48));

        assertThat(rules.alerts(Rule.DEVICE_SILENT)).singleElement()
                .satisfies(alert -> assertThat(alert.at()).isEqualTo(at(h(48))));
    }

    private static RuleContext context(Map<Long, RuleThresholds> elders) {
        return new RuleContext(List.of(
                new RuleContext.DeviceHome(METER, DeviceKind.WATER_METER, 7, "平江街道", null, null),
                new RuleContext.DeviceHome(BUTTON, DeviceKind.CALL_BUTTON, 7, "平江街道", null, null)),
                RuleThresholds.NONE, Map.of(), elders, false, Set.of(), List.of());
    }
}
