package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Absence;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.Scenarios;

/**
 * ROUTINE_BREAK, the learned routine (issue 12), on a hand-driven clock. The home is regular: water at 07:00,
 * 08:00, 12:00, 18:00 and 21:30 for a quarter hour each (5 L), dry in between; its meter reports every quarter
 * hour, dry intervals included. Learned from such days, the first use after the night comes by 07:15 and a
 * morning without it is a break an hour later, at 08:15 (the limit tolerates an hour's shift of the routine).
 */
class RoutineBreakRuleTest {

    private static final LocalDate DAY1 = LocalDate.of(2025, 3, 1);
    private static final String METER = "meter-r";
    private static final long ELDER = 7;
    private static final int[][] USES = {{7, 0}, {8, 0}, {12, 0}, {18, 0}, {21, 30}};

    private EngineHarness rules;
    private List<Alert> alerts;
    private List<AlertCleared> clears;
    private RuleEngine engine;
    private int seq;

    @AfterEach
    void close() {
        if (rules != null) {
            rules.close();
        }
    }

    @Test
    void aMorningWithoutTheUsualFirstUseRaisesAnHourAfterIt() {
        start(RuleSettings.DEFAULTS, List.of());
        normalDays(14);
        LocalDate day = DAY1.plusDays(14);
        reportDry(day, 0, 0, 8, 0);
        assertThat(routine()).as("08:00, 45 min past the usual first use").isEmpty();

        reportDry(day, 8, 0, 8, 15);

        assertThat(routine()).hasSize(1);
        Alert a = routine().get(0);
        assertThat(a.at()).isEqualTo(Scenarios.local(day, 8, 15));
        assertThat(a.detail()).isEqualTo("通常7:15前用水，今天至8:15仍无用水");
        assertThat(a.alertId()).isEqualTo("ROUTINE_BREAK:" + METER + ":" + Scenarios.local(day.minusDays(1), 21, 45)
                .toEpochMilli());
        assertThat(alerts(Rule.NO_WATER_USE)).as("the 24 h backstop has not come yet").isEmpty();
    }

    @Test
    void beforeTenLearnedDaysTheRoutineIsNotArmed() {
        start(RuleSettings.DEFAULTS, List.of());
        normalDays(9);

        reportDry(DAY1.plusDays(9), 0, 0, 14, 0);

        assertThat(routine()).isEmpty();
    }

    @Test
    void ordinaryDaysAndNightsRaiseNothing() {
        start(RuleSettings.DEFAULTS, List.of());

        normalDays(28);

        assertThat(alerts).isEmpty();
    }

    @Test
    void waterUsedAgainClearsTheBreak() {
        start(RuleSettings.DEFAULTS, List.of());
        normalDays(14);
        LocalDate day = DAY1.plusDays(14);
        reportDry(day, 0, 0, 8, 15);
        assertThat(routine()).hasSize(1);

        report(day, 8, 15, 5.0);

        assertThat(clears).extracting(AlertCleared::rule).containsExactly(Rule.ROUTINE_BREAK);
        assertThat(clears.get(0).alertId()).isEqualTo(routine().get(0).alertId());
    }

    @Test
    void aRegisteredAbsenceHoldsItAndTheGapCountsFromTheReturn() {
        LocalDate away = DAY1.plusDays(14);
        Instant back = Scenarios.local(away, 12, 0);
        start(RuleSettings.DEFAULTS, List.of(new Absence(1, ELDER, Scenarios.local(away, 6, 0), back, "探亲",
                Scenarios.local(away, 5, 0), "社区")));
        normalDays(14);

        reportDry(away, 0, 0, 14, 0);
        assertThat(routine()).as("away all morning, back at 12:00, two dry hours since").isEmpty();
        reportDry(away, 14, 0, 23, 45);

        assertThat(routine()).hasSize(1);
        assertThat(routine().get(0).alertId()).endsWith(":" + back.toEpochMilli());
        assertThat(routine().get(0).at()).isAfter(back.plus(Duration.ofHours(3)));
    }

    @Test
    void extremeWeatherJudgesTighter() {
        Instant normal = afternoonBreak(false);
        close();
        Instant extreme = afternoonBreak(true);

        assertThat(normal).isEqualTo(Scenarios.local(DAY1.plusDays(14), 13, 15));
        assertThat(extreme).isEqualTo(Scenarios.local(DAY1.plusDays(14), 13, 0));
    }

    private Instant afternoonBreak(boolean extremeWeather) {
        start(RuleSettings.DEFAULTS, List.of(), extremeWeather, Map.of());
        normalDays(14);
        LocalDate day = DAY1.plusDays(14);
        // A fall after the 08:00 use: the usual 3.75 h to noon, then the limit's margin, narrower in extreme weather.
        for (int[] use : new int[][] {{7, 0}, {8, 0}}) {
            reportDry(day, slotAfter(day, use), use[0], use[1]);
            report(day, use[0], use[1], 5.0);
        }
        reportDry(day, 8, 15, 23, 45);
        assertThat(routine()).as(routine().toString()).hasSize(1);
        return routine().get(0).at();
    }

    @Test
    void routineSensitivityZeroForTheElderTurnsItOff() {
        start(RuleSettings.DEFAULTS, List.of(), false, Map.of(ELDER, RuleThresholds.NONE.withRoutineSensitivity(0.0)));
        normalDays(14);

        reportDry(DAY1.plusDays(14), 0, 0, 14, 0);

        assertThat(routine()).isEmpty();
    }

    @Test
    void aSilentMeterIsNeverABreakNorIsItsReturnWithoutBacklog() {
        start(RuleSettings.DEFAULTS, List.of());
        normalDays(14);
        LocalDate day = DAY1.plusDays(14);
        // The battery dies after the night's last report; the clock runs on to noon.
        engine.advanceTo(Scenarios.local(day, 12, 0));
        assertThat(alerts(Rule.DEVICE_SILENT)).hasSize(1);
        assertThat(routine()).isEmpty();

        // A new battery at noon: data resumes from then on, nothing before it.
        reportDry(day, 12, 0, 14, 0);

        assertThat(routine()).as("unknown time is not time without water").isEmpty();
        assertThat(alerts(Rule.NO_WATER_USE)).isEmpty();
    }

    @Test
    void aOnceADayUploadIsJudgedWhenItArrivesAndSaysSo() {
        start(RuleSettings.DEFAULTS, List.of());
        normalDays(14);
        LocalDate day = DAY1.plusDays(14);
        Instant arrival = Scenarios.local(day, 14, 0);
        List<WaterInterval> frozen = new ArrayList<>();
        for (Instant t = Scenarios.local(day, 0, 0); t.isBefore(arrival); t = t.plus(Duration.ofMinutes(15))) {
            frozen.add(new WaterInterval(t, t.plus(Duration.ofMinutes(15)), 0));
        }
        engine.advanceTo(arrival);
        engine.onTelemetry(TestRecords.batch(METER, "upload", arrival, arrival, frozen, 80));

        assertThat(routine()).hasSize(1);
        assertThat(routine().get(0).at()).isEqualTo(arrival);
        assertThat(routine().get(0).detail()).isEqualTo("上传时（3月15日 14:00）发现：通常7:15前用水，今天至8:15仍无用水");
    }

    @Test
    void aResolvedBreakIsWatchedAgainFromTheResolution() {
        start(RuleSettings.DEFAULTS, List.of());
        normalDays(14);
        LocalDate day = DAY1.plusDays(14);
        reportDry(day, 0, 0, 8, 15);
        Alert first = routine().get(0);
        Instant resolved = Scenarios.local(day, 8, 30);

        engine.advanceTo(resolved);
        engine.incidentResolved(List.of(first.alertId()), resolved);
        reportDry(day, 8, 15, 23, 45);

        assertThat(routine()).hasSize(2);
        Alert again = routine().get(1);
        assertThat(again.alertId()).isEqualTo("ROUTINE_BREAK:" + METER + ":" + resolved.toEpochMilli());
        assertThat(again.at()).isAfterOrEqualTo(resolved.plus(Duration.ofHours(3)));
    }

    // ---- the home --------------------------------------------------------------------------------------

    private void start(RuleSettings settings, List<Absence> absences) {
        start(settings, absences, false, Map.of());
    }

    private void start(RuleSettings settings, List<Absence> absences, boolean extremeWeather,
                       Map<Long, RuleThresholds> elders) {
        rules = new EngineHarness(settings, Scenarios.local(DAY1, 0, 0));
        alerts = rules.alerts;
        clears = rules.clears;
        engine = rules.engine;
        engine.applyContext(new RuleContext(List.of(new RuleContext.DeviceHome(METER, DeviceKind.WATER_METER, ELDER,
                "平江街道", null, null)), RuleThresholds.NONE, Map.of(), elders, extremeWeather, Set.of(), absences));
    }

    private void normalDays(int days) {
        for (int d = 0; d < days; d++) {
            LocalDate day = DAY1.plusDays(d);
            for (int slot = 0; slot < 96; slot++) {
                int h = slot / 4;
                int m = slot % 4 * 15;
                report(day, h, m, isUse(h, m) ? 5.0 : 0.0);
            }
        }
    }

    private static boolean isUse(int h, int m) {
        for (int[] use : USES) {
            if (use[0] == h && use[1] == m) {
                return true;
            }
        }
        return false;
    }

    /** The quarter hour from h:m, reported at its end. */
    private void report(LocalDate day, int h, int m, double liters) {
        Instant start = Scenarios.local(day, h, m);
        Instant end = start.plus(Duration.ofMinutes(15));
        engine.advanceTo(end);
        engine.onTelemetry(new Telemetry(METER, "r" + (++seq), end, end, 1000.0,
                List.of(new WaterInterval(start, end, liters)), 0.0, 80, -80));
    }

    /** Dry quarter hours from h0:m0 up to h1:m1, each reported at its end. */
    private void reportDry(LocalDate day, int h0, int m0, int h1, int m1) {
        for (Instant t = Scenarios.local(day, h0, m0); t.isBefore(Scenarios.local(day, h1, m1));
             t = t.plus(Duration.ofMinutes(15))) {
            var local = t.atZone(Scenarios.local(day, 0, 0).atZone(java.time.ZoneId.of("Asia/Shanghai")).getZone());
            report(local.toLocalDate(), local.getHour(), local.getMinute(), 0.0);
        }
    }

    private void reportDry(LocalDate day, int[] from, int h1, int m1) {
        reportDry(day, from[0], from[1], h1, m1);
    }

    /** Where the day's reports stand before {@code use}: right after the previous use of the list. */
    private int[] slotAfter(LocalDate day, int[] use) {
        int[] previous = {0, 0};
        for (int[] u : USES) {
            if (u == use || (u[0] == use[0] && u[1] == use[1])) {
                break;
            }
            previous = new int[] {u[0], u[1] + 15};
            if (previous[1] == 60) {
                previous = new int[] {u[0] + 1, 0};
            }
        }
        return previous;
    }

    private List<Alert> routine() {
        return alerts(Rule.ROUTINE_BREAK);
    }

    private List<Alert> alerts(Rule rule) {
        return alerts.stream().filter(a -> a.rule() == rule).toList();
    }
}
