package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.Rule;
import org.shouwang.sim.Home;
import org.shouwang.sim.HomeScenario;
import org.shouwang.sim.ScenarioRunner;
import org.shouwang.sim.Scenarios;

/**
 * Each of the simulator's fault scenarios among five ordinary homes raises exactly its alert, on the
 * faulty home's device, and nothing else. The run starts on {@link #DAY0}; faults happen on {@link #DAY1}.
 */
class FaultScenariosTest {

    private static final LocalDate DAY0 = LocalDate.of(2025, 1, 6);
    private static final LocalDate DAY1 = DAY0.plusDays(1);
    private static final Instant FROM = Scenarios.local(DAY0, 0, 0);
    private static final int FAULTY = 3;

    @Test
    void aFallAtNightIsNoWaterUseADayAfterTheLastUse() {
        Outcome o = run(4, (home, seed) -> Scenarios.fallAtNight(home, seed, DAY1), fleet -> { });

        assertThat(o.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(Rule.NO_WATER_USE);
            assertThat(a.deviceId()).isEqualTo("meter-03");
            // a day after the evening's last 10 L (the fall is at 22:00), by the next quarter-hour report
            assertThat(a.at()).isBetween(Scenarios.local(DAY1.plusDays(1), 16, 0), Scenarios.local(DAY1.plusDays(1), 22, 15));
        });
    }

    @Test
    void aTapLeftOpenIsContinuousFlowClearedWhenItIsClosed() {
        Outcome o = run(2, (home, seed) -> Scenarios.tapLeftOpen(home, seed, DAY1), fleet -> { });

        assertThat(o.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(Rule.CONTINUOUS_FLOW);
            assertThat(a.deviceId()).isEqualTo("meter-03");
            assertThat(a.at()).isBetween(Scenarios.local(DAY1, 11, 0), Scenarios.local(DAY1, 11, 1));
        });
        assertThat(o.clears()).singleElement().satisfies(c -> {
            assertThat(c.alertId()).isEqualTo(o.alerts().get(0).alertId());
            assertThat(c.at()).isBetween(Scenarios.local(DAY1, 12, 0), Scenarios.local(DAY1, 12, 16));
        });
    }

    @Test
    void heavyUseIsHighUse() {
        Outcome o = run(3, (home, seed) -> Scenarios.heavyUse(home, seed, DAY1), fleet -> { });

        assertThat(o.alerts()).extracting(Alert::rule, Alert::deviceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.HIGH_USE, "meter-03"));
        assertThat(o.alerts().get(0).alertId()).isEqualTo("HIGH_USE:meter-03:" + DAY1);
    }

    @Test
    void aMeterGoneOfflineIsDeviceSilentAndNeverNoWaterUse() {
        Outcome o = run(4, (home, seed) -> Scenarios.meterOffline(home, seed, DAY1), fleet -> { });

        assertThat(o.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(Rule.DEVICE_SILENT);
            assertThat(a.severity()).isEqualTo(org.shouwang.model.Severity.TECHNICAL);
            assertThat(a.at()).isBetween(Scenarios.local(DAY1, 12, 45), Scenarios.local(DAY1, 13, 0));
        });
    }

    @Test
    void aDrainingBatteryIsLowBatteryOnce() {
        Outcome o = run(10, (home, seed) -> Scenarios.batteryDraining(home, seed), fleet -> { });

        assertThat(o.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(Rule.LOW_BATTERY);
            assertThat(a.at()).isBetween(FROM.plus(Duration.ofHours(5 * 24 + 6)), FROM.plus(Duration.ofHours(6 * 24 + 6)));
        });
    }

    @Test
    void daysAwayWithoutARecordedAbsenceAreNoWaterUse() {
        Outcome o = run(5, (home, seed) -> Scenarios.awayFromHome(home, seed, DAY1), fleet -> { });

        assertThat(o.alerts()).extracting(Alert::rule, Alert::deviceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.NO_WATER_USE, "meter-03"));
    }

    @Test
    void daysAwayWithTheAbsenceRecordedRaiseNothingAndAPressMeanwhileStillDoes() {
        Instant[] away = Scenarios.awayPeriod(DAY1);
        Outcome o = run(5, (home, seed) -> Scenarios.awayFromHome(home, seed, DAY1)
                .pressAt(away[0].plus(Duration.ofDays(1))), fleet -> fleet.absence(FAULTY, away[0], away[1]));

        assertThat(o.alerts()).extracting(Alert::rule).containsExactly(Rule.BUTTON_PRESSED);
    }

    @Test
    void aButtonPressIsButtonPressedAtOnce() {
        Outcome o = run(2, (home, seed) -> Scenarios.buttonPress(home, seed, DAY1), fleet -> { });

        assertThat(o.alerts()).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(Rule.BUTTON_PRESSED);
            assertThat(a.deviceId()).isEqualTo("button-03");
            assertThat(a.at()).isEqualTo(Scenarios.local(DAY1, 15, 30));
        });
    }

    @Test
    void aLeakAlarmIsMeterAlarmClearedADayLater() {
        Outcome o = run(3, (home, seed) -> Scenarios.meterAlarm(home, seed, DAY1), fleet -> { });

        assertThat(o.alerts()).extracting(Alert::rule).containsExactly(Rule.METER_ALARM);
        assertThat(o.clears()).extracting(AlertCleared::at).containsExactly(Scenarios.local(DAY1.plusDays(1), 3, 10));
    }

    @Test
    void aMeterUploadingEveryFourHoursWithThatIntervalSetRaisesNothing() {
        Outcome o = run(5, Scenarios::batchedUploads, fleet -> fleet.reportInterval(FAULTY, Duration.ofHours(4)));

        assertThat(o.alerts()).isEmpty();
    }

    /** Alerts and clears of a run. */
    private record Outcome(List<Alert> alerts, List<AlertCleared> clears) {
    }

    private static Outcome run(int days, BiFunction<Home, Long, HomeScenario> faulty, Consumer<Fleet> registry) {
        Fleet fleet = new Fleet();
        for (int i = 1; i <= 5; i++) {
            fleet.add(i, i == FAULTY ? faulty : Scenarios::normalHome);
        }
        registry.accept(fleet);
        try (EngineHarness rules = new EngineHarness(RuleSettings.DEFAULTS, FROM)) {
            rules.engine.applyContext(fleet.context());
            new ScenarioRunner(fleet.scenarios).run(FROM, FROM.plus(Duration.ofDays(days)), new EngineSink(rules.engine));
            return new Outcome(List.copyOf(rules.alerts), List.copyOf(rules.clears));
        }
    }
}
