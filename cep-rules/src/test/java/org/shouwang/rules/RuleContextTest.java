package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.rules.EngineHarness.at;
import static org.shouwang.rules.EngineHarness.h;
import static org.shouwang.rules.EngineHarness.interval;
import static org.shouwang.rules.EngineHarness.min;

import java.time.Duration;
import java.time.Instant;
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

/**
 * What the registry adds to the rules: overrides per street and per elder, extreme-weather mode and
 * absences, all applied at run time. Two elders: 7 in 平江街道 (meter-7, button-7) and 8 in 沧浪街道 (meter-8).
 */
class RuleContextTest {

    private static final String PINGJIANG = "平江街道";
    private static final String CANGLANG = "沧浪街道";
    private final EngineHarness rules = new EngineHarness();

    @AfterEach
    void close() {
        rules.close();
    }

    @Test
    void aStreetOverrideWinsOverTheDistrictAndAnElderOverrideOverTheStreet() {
        apply(new Ctx().district(window(30)).street(PINGJIANG, window(20)).elder(8, window(16)));
        usedAtT0("meter-7", "meter-8", "meter-x");

        everyHourUntil(h(31), "meter-7", "meter-8", "meter-x");

        // meter-7: street 20 h; meter-8: its elder's 16 h over the district's 30 h; meter-x (unknown): district 30 h
        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::deviceId, Alert::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("meter-8", at(h(16))),
                org.assertj.core.groups.Tuple.tuple("meter-7", at(h(20))),
                org.assertj.core.groups.Tuple.tuple("meter-x", at(h(30))));
    }

    @Test
    void extremeWeatherInOneStreetShortensItsWindowToTwelveHoursOnly() {
        apply(new Ctx().weather(PINGJIANG));
        usedAtT0("meter-7", "meter-8");

        everyHourUntil(h(24), "meter-7", "meter-8");

        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::deviceId, Alert::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("meter-7", at(h(12))),
                org.assertj.core.groups.Tuple.tuple("meter-8", at(h(24))));
        assertThat(rules.alerts(Rule.NO_WATER_USE).get(0).detail()).contains("12 小时").contains("极端天气模式");
    }

    @Test
    void switchingExtremeWeatherOnRaisesAtOnceWhereTheShorterWindowHasAlreadyRunOut() {
        apply(new Ctx());
        usedAtT0("meter-7", "meter-8");
        everyHourUntil(h(13), "meter-7", "meter-8");
        assertThat(rules.alerts).isEmpty();

        rules.clockTo(h(13.5));
        apply(new Ctx().weatherDistrictWide());

        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::deviceId).containsExactlyInAnyOrder("meter-7", "meter-8");
        assertThat(rules.alerts).allSatisfy(a -> assertThat(a.at()).isEqualTo(at(h(13.5))));
    }

    @Test
    void theExtremeWindowOverriddenPerElderApplies() {
        apply(new Ctx().weatherDistrictWide().elder(7, RuleThresholds.NONE.withNoWaterWindowExtreme(Duration.ofHours(6))));
        usedAtT0("meter-7");

        everyHourUntil(h(7), "meter-7");

        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::at).containsExactly(at(h(6)));
    }

    @Test
    void anAbsenceSuppressesNoWaterUseWhileAwayAndTheWindowRestartsOnReturn() {
        // elder 7 away from T0+2h to T0+50h (a hospital stay)
        apply(new Ctx().absence(7, h(2), h(50)));
        usedAtT0("meter-7", "meter-8");

        everyHourUntil(h(73), "meter-7", "meter-8");
        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::deviceId).containsExactly("meter-8");
        everyHourUntil(h(74), "meter-7", "meter-8");

        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::deviceId, Alert::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("meter-8", at(h(24))),
                org.assertj.core.groups.Tuple.tuple("meter-7", at(h(74))));
        assertThat(rules.alerts(Rule.NO_WATER_USE).get(1).alertId())
                .isEqualTo("NO_WATER_USE:meter-7:" + at(h(50)).toEpochMilli());
    }

    @Test
    void buttonPressesAreNeverSuppressedByAnAbsence() {
        apply(new Ctx().absence(7, h(0), h(50)));

        rules.press("button-7", h(10), "p1");

        assertThat(rules.alerts).extracting(Alert::rule).containsExactly(Rule.BUTTON_PRESSED);
    }

    @Test
    void anAbsenceOnlySuppressesItsOwnPeriod() {
        // away the second day only: the first day's silence is raised as usual
        apply(new Ctx().absence(7, h(30), h(40)));
        usedAtT0("meter-7");

        everyHourUntil(h(25), "meter-7");

        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::at).containsExactly(at(h(24)));
    }

    @Test
    void recordingAnAbsenceAfterTheAlertClearsItAndDeletingItRaisesAgain() {
        apply(new Ctx());
        usedAtT0("meter-7");
        everyHourUntil(h(25), "meter-7");
        assertThat(rules.alerts(Rule.NO_WATER_USE)).hasSize(1);

        // staff learn she was taken to hospital at T0+20h
        apply(new Ctx().absence(7, h(20), h(100)));
        assertThat(rules.clears(Rule.NO_WATER_USE)).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("外出"));

        everyHourUntil(h(30), "meter-7");
        assertThat(rules.alerts(Rule.NO_WATER_USE)).hasSize(1);

        // the record was a mistake: deleted, the silence counts again
        apply(new Ctx());
        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::at).containsExactly(at(h(24)), at(h(30)));
    }

    @Test
    void aDeviceTakenOffTheWatchRaisesNothingNew() {
        apply(new Ctx());
        usedAtT0("meter-7");
        everyHourUntil(h(2), "meter-7");

        apply(new Ctx().without("meter-7"));
        rules.clockTo(h(30));

        assertThat(rules.alerts).isEmpty();
    }

    @Test
    void aLargerMinimumForOneElderMakesSmallUseNotCount() {
        apply(new Ctx().elder(7, RuleThresholds.NONE.withNoWaterMinLiters(30)));
        rules.report("meter-7", h(0), interval(min(-15), h(0), 40));
        rules.report("meter-8", h(0), interval(min(-15), h(0), 40));
        for (int hour = 1; hour <= 30; hour++) {
            boolean smallUse = hour == 12;
            rules.report("meter-7", h(hour), smallUse ? new org.shouwang.model.WaterInterval[] {
                interval(h(hour - 0.25), h(hour), 20)} : new org.shouwang.model.WaterInterval[0]);
            rules.report("meter-8", h(hour), smallUse ? new org.shouwang.model.WaterInterval[] {
                interval(h(hour - 0.25), h(hour), 20)} : new org.shouwang.model.WaterInterval[0]);
        }

        assertThat(rules.alerts(Rule.NO_WATER_USE)).extracting(Alert::deviceId).containsExactly("meter-7");
        assertThat(rules.clears).extracting(AlertCleared::rule).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void apply(Ctx ctx) {
        rules.engine.applyContext(ctx.build());
    }

    private void usedAtT0(String... meters) {
        for (String m : meters) {
            rules.report(m, h(0), interval(min(-15), h(0), 20));
        }
    }

    private void everyHourUntil(Duration last, String... meters) {
        Duration start = Duration.ofHours(rules.engine.now().minus(Duration.ofMillis(at(h(0)).toEpochMilli()))
                .toEpochMilli() / 3_600_000 + 1);
        for (Duration t = start; t.compareTo(last) <= 0; t = t.plusHours(1)) {
            for (String m : meters) {
                rules.report(m, t);
            }
        }
    }

    private static RuleThresholds window(int hours) {
        return RuleThresholds.NONE.withNoWaterWindow(Duration.ofHours(hours)).withNoWaterWindowExtreme(Duration.ofHours(1));
    }

    /** A registry snapshot under construction. */
    private static final class Ctx {
        private RuleThresholds district = RuleThresholds.NONE;
        private final java.util.HashMap<String, RuleThresholds> streets = new java.util.HashMap<>();
        private final java.util.HashMap<Long, RuleThresholds> elders = new java.util.HashMap<>();
        private boolean weatherDistrict;
        private final java.util.HashSet<String> weatherStreets = new java.util.HashSet<>();
        private final java.util.ArrayList<Absence> absences = new java.util.ArrayList<>();
        private final java.util.HashSet<String> removed = new java.util.HashSet<>();

        Ctx district(RuleThresholds t) {
            district = t;
            return this;
        }

        Ctx street(String street, RuleThresholds t) {
            streets.put(street, t);
            return this;
        }

        Ctx elder(long elderId, RuleThresholds t) {
            elders.put(elderId, t);
            return this;
        }

        Ctx weather(String street) {
            weatherStreets.add(street);
            return this;
        }

        Ctx weatherDistrictWide() {
            weatherDistrict = true;
            return this;
        }

        Ctx absence(long elderId, Duration from, Duration to) {
            Instant created = at(h(0));
            absences.add(new Absence(absences.size() + 1, elderId, at(from), at(to), "住院", created, "测试"));
            return this;
        }

        Ctx without(String deviceId) {
            removed.add(deviceId);
            return this;
        }

        RuleContext build() {
            List<RuleContext.DeviceHome> devices = new java.util.ArrayList<>(List.of(
                    new RuleContext.DeviceHome("meter-7", DeviceKind.WATER_METER, 7, PINGJIANG, null, null),
                    new RuleContext.DeviceHome("button-7", DeviceKind.CALL_BUTTON, 7, PINGJIANG, null, null),
                    new RuleContext.DeviceHome("meter-8", DeviceKind.WATER_METER, 8, CANGLANG, null, null)));
            devices.removeIf(d -> removed.contains(d.deviceId()));
            return new RuleContext(devices, district, Map.copyOf(streets), Map.copyOf(elders), weatherDistrict,
                    Set.copyOf(weatherStreets), absences);
        }
    }
}
