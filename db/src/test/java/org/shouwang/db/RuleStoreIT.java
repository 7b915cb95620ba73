package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.RuleThresholdOverride.Scope;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.model.WatchRestart;

/** What the rules read and write on a real PostgreSQL: the registry snapshot, the stored history, the journal. */
class RuleStoreIT {

    private static final Instant T0 = Instant.parse("2025-07-20T02:00:00Z");
    private static Database db;
    private static RuleStore rules;
    private static RegistryStore registry;
    private static TelemetryStore telemetry;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        rules = new RuleStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
        telemetry = new TelemetryStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theSnapshotJoinsDevicesToTheirElderAndStreetWithThresholdsWeatherAndAbsences() {
        long pingjiang = elder("平江街道");
        long huqiu = elder("虎丘街道");
        long gone = elder("虎丘街道");
        registry.addDevice("ctx-m1", DeviceKind.WATER_METER, pingjiang);
        registry.addDevice("ctx-b1", DeviceKind.CALL_BUTTON, pingjiang);
        registry.addDevice("ctx-m2", DeviceKind.WATER_METER, huqiu);
        registry.addDevice("ctx-m3", DeviceKind.WATER_METER, gone);
        registry.deactivateElder(gone, "测试", "迁出");
        telemetry.setOnline("ctx-b1", false);
        new RuleThresholdStore(db.dataSource()).put(Scope.STREET, "虎丘街道", null,
                RuleThresholds.NONE.withNoWaterWindow(Duration.ofHours(20)), "测试", T0);
        new RuleThresholdStore(db.dataSource()).put(Scope.ELDER, null, pingjiang,
                RuleThresholds.NONE.withNoWaterMinLiters(20), "测试", T0);
        new WeatherStore(db.dataSource()).switchMode("虎丘街道", true, "测试", T0);
        new AbsenceStore(db.dataSource()).add(pingjiang, T0, T0.plus(Duration.ofDays(2)), "住院", "测试", T0);

        RuleContext ctx = rules.context(T0);

        assertThat(ctx.devices()).filteredOn(d -> d.deviceId().startsWith("ctx-"))
                .extracting(RuleContext.DeviceHome::deviceId, RuleContext.DeviceHome::street, RuleContext.DeviceHome::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ctx-b1", "平江街道", DeviceKind.CALL_BUTTON),
                        org.assertj.core.groups.Tuple.tuple("ctx-m1", "平江街道", DeviceKind.WATER_METER),
                        org.assertj.core.groups.Tuple.tuple("ctx-m2", "虎丘街道", DeviceKind.WATER_METER));
        assertThat(ctx.devices()).filteredOn(d -> d.deviceId().equals("ctx-b1")).singleElement()
                .satisfies(d -> assertThat(d.online()).isFalse());
        assertThat(ctx.streets().get("虎丘街道").noWaterWindow()).isEqualTo(Duration.ofHours(20));
        assertThat(ctx.elders().get(pingjiang).noWaterMinLiters()).isEqualTo(20.0);
        assertThat(ctx.extremeWeather("虎丘街道")).isTrue();
        assertThat(ctx.extremeWeather("平江街道")).isFalse();
        assertThat(ctx.absences()).extracting(a -> a.elderId()).contains(pingjiang);
    }

    @Test
    void theHistoryDigestsEachMeterOfThePeriodAndListsEventsAndTheLatestKeys() {
        long elder = elder("沧浪街道");
        registry.addDevice("his-m1", DeviceKind.WATER_METER, elder);
        registry.addDevice("his-b1", DeviceKind.CALL_BUTTON, elder);
        Instant t = T0.plus(Duration.ofDays(1));
        Telemetry batch = new Telemetry("his-m1", "u1", t, t.plusSeconds(5), 1234.5, List.of(
                new WaterInterval(t.minusSeconds(1800), t.minusSeconds(900), 2.5),
                new WaterInterval(t.minusSeconds(900), t, 0.0)), 0.0, 55, -90);
        Telemetry empty = new Telemetry("his-m1", "u2", t.plusSeconds(900), t.plusSeconds(910), 1234.5, List.of(), null,
                null, null);
        DeviceEvent press = new DeviceEvent("his-b1", "p1", t.plusSeconds(60), t.plusSeconds(61), DeviceEvent.Kind.BUTTON,
                DeviceEvent.Action.PRESS, null, 90);
        telemetry.writeBatch(List.of(batch, empty), List.of(press));

        RuleHistory history = rules.history(request(t.minusSeconds(3600), t.plusSeconds(3600), t.minusSeconds(1800),
                t.plusSeconds(900)));

        // THEN the meter comes back as one digest (not its readings): last arrival, coverage by intervals, newest
        // battery, its day's litres, the intervals that used water; the press as stored; the latest key
        assertThat(history.meters()).filteredOn(m -> m.deviceId().equals("his-m1")).singleElement().satisfies(m -> {
            assertThat(m.lastHeardAt()).isEqualTo(t.plusSeconds(910));
            assertThat(m.coveredFrom()).isEqualTo(t.minusSeconds(1800));
            // the empty reading's time is not coverage: only intervals cover time (issue 12)
            assertThat(m.coveredUntil()).isEqualTo(t);
            assertThat(m.batteryTs()).isEqualTo(t);
            assertThat(m.battery()).isEqualTo(55);
            assertThat(m.days()).containsExactly(new MeterDigest.DayUse(
                    java.time.LocalDate.ofInstant(t.minusMillis(1), java.time.ZoneId.of("Asia/Shanghai")), 2.5));
            assertThat(m.recent()).containsExactly(new WaterInterval(t.minusSeconds(1800), t.minusSeconds(900), 2.5));
        });
        assertThat(history.events()).filteredOn(x -> x.deviceId().equals("his-b1")).containsExactly(press);
        assertThat(history.recentKeys()).contains(RuleHistory.key("his-m1", "u2"))
                .doesNotContain(RuleHistory.key("his-m1", "u1"));
        assertThat(rules.water(List.of("his-m1"), t.minusSeconds(3600), t.plusSeconds(3600)))
                .containsOnlyKeys("his-m1");
        // a reading received before the period is not in it
        assertThat(rules.history(request(t.plusSeconds(6), t.plusSeconds(3600), t, t)).meters())
                .filteredOn(m -> m.deviceId().equals("his-m1")).singleElement()
                .satisfies(m -> assertThat(m.lastHeardAt()).isEqualTo(t.plusSeconds(910)));
    }

    @Test
    void theLearnedRoutinesDaysComeBackFromFourWeeksBeforeThePeriod() {
        long elder = elder("沧浪街道");
        registry.addDevice("rtn-m1", DeviceKind.WATER_METER, elder);
        // 07:00-07:15 local on a day 20 days before the period: one wet quarter hour, and a dry one after it.
        Instant seven = java.time.LocalDate.of(2025, 7, 1).atTime(7, 0).atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toInstant();
        Instant old = seven.plus(Duration.ofMinutes(30));
        telemetry.writeBatch(List.of(new Telemetry("rtn-m1", "r1", old, old.plusSeconds(5), 10.0, List.of(
                new WaterInterval(seven, seven.plusSeconds(900), 6.0),
                new WaterInterval(seven.plusSeconds(900), old, 0.0)), 0.0, 80, -70)), List.of());

        RuleHistory history = rules.history(request(T0, T0.plus(Duration.ofDays(2)), T0, T0));

        assertThat(history.routineDays()).containsKey("rtn-m1");
        var day = history.routineDays().get("rtn-m1").get(java.time.LocalDate.of(2025, 7, 1));
        assertThat(day.wet(28)).isTrue();
        assertThat(day.covered(29)).isTrue();
        assertThat(day.wet(29)).isFalse();
        assertThat(day.coveredCount()).isEqualTo(2);
        assertThat(rules.history(request(T0.plus(Duration.ofDays(40)), T0.plus(Duration.ofDays(41)), T0, T0))
                .routineDays()).as("older than the routine learns from").doesNotContainKey("rtn-m1");
    }

    private static RuleHistory.Request request(Instant from, Instant to, Instant recentFrom, Instant keysFrom) {
        return new RuleHistory.Request(from, to, recentFrom, keysFrom, java.time.ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void theJournalKeepsRaisesOnceAndTheirFirstClearAndGivesBackWhatARestartNeeds() {
        Alert old = new Alert("DEVICE_SILENT:jr-m1:1", Rule.DEVICE_SILENT, "jr-m1", T0.minus(Duration.ofDays(10)), "x");
        Alert oldCleared = new Alert("LOW_BATTERY:jr-m1:2", Rule.LOW_BATTERY, "jr-m1", T0.minus(Duration.ofDays(10)), "x");
        Alert recent = new Alert("BUTTON_PRESSED:jr-b1:p1", Rule.BUTTON_PRESSED, "jr-b1", T0, "x");
        rules.record(RuleJournalEntry.raised(old, "DEVICE_SILENT"));
        rules.record(RuleJournalEntry.raised(old, "DEVICE_SILENT"));
        rules.record(RuleJournalEntry.raised(oldCleared, "LOW_BATTERY"));
        rules.record(RuleJournalEntry.cleared(new AlertCleared(oldCleared.alertId(), Rule.LOW_BATTERY, "jr-m1",
                T0.minus(Duration.ofDays(9)), "换电池"), "LOW_BATTERY"));
        rules.record(RuleJournalEntry.cleared(new AlertCleared(oldCleared.alertId(), Rule.LOW_BATTERY, "jr-m1",
                T0.minus(Duration.ofDays(8)), "again"), "LOW_BATTERY"));
        rules.record(RuleJournalEntry.raised(recent, "BUTTON_PRESSED"));

        List<RuleJournalEntry> since = rules.history(request(T0.minus(Duration.ofDays(3)), T0.plusSeconds(1), T0, T0))
                .journal();

        assertThat(since).filteredOn(j -> j.alertId().contains(":jr-"))
                .extracting(RuleJournalEntry::alertId, RuleJournalEntry::episode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(old.alertId(), "DEVICE_SILENT"),
                        org.assertj.core.groups.Tuple.tuple(recent.alertId(), "BUTTON_PRESSED"));
        assertThat(new Jdbc(db.dataSource()).one("SELECT clear_reason FROM rule_alert WHERE alert_id = ?",
                rs -> rs.getString(1), oldCleared.alertId())).contains("换电池");
    }

    @Test
    void watchRestartsAndResolutionsTheRulesWereNeverToldOfComeBackWithTheHistory() {
        // GIVEN two NO_WATER_USE episodes journaled open; the first one's incident resolved at T0+2h (the rules
        // never heard of it), and a data gap kept by the rules at T0+3h
        long elder = elder("平江街道");
        registry.addDevice("watch-m1", DeviceKind.WATER_METER, elder);
        Alert first = new Alert("NO_WATER_USE:watch-m1:1", Rule.NO_WATER_USE, "watch-m1", T0, "未用水");
        rules.record(RuleJournalEntry.raised(first, "NO_WATER_USE"));
        IncidentStore incidents = new IncidentStore(db.dataSource());
        long incident = incidents.recordAlert(elder, first).incident().id();
        incidents.resolve(incident, "张三", "老人安全", T0.plus(Duration.ofHours(2)));
        rules.record(new WatchRestart("watch-m1", Rule.NO_WATER_USE, T0.plus(Duration.ofHours(3)),
                WatchRestart.Reason.DATA_GAP));
        rules.record(new WatchRestart("watch-m1", Rule.NO_WATER_USE, T0.plus(Duration.ofHours(3)),
                WatchRestart.Reason.DATA_GAP));

        // WHEN the rules read their history
        RuleHistory h = rules.history(new RuleHistory.Request(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)),
                T0, T0, java.time.ZoneId.of("Asia/Shanghai")));

        // THEN both restarts, once each, in time order; and the resolution reads back with its alert ids
        assertThat(h.watches()).filteredOn(w -> w.deviceId().equals("watch-m1")).containsExactly(
                new WatchRestart("watch-m1", Rule.NO_WATER_USE, T0.plus(Duration.ofHours(2)), WatchRestart.Reason.RESOLVED),
                new WatchRestart("watch-m1", Rule.NO_WATER_USE, T0.plus(Duration.ofHours(3)), WatchRestart.Reason.DATA_GAP));
        assertThat(rules.resolution(incident)).hasValueSatisfying(r -> {
            assertThat(r.at()).isEqualTo(T0.plus(Duration.ofHours(2)));
            assertThat(r.alertIds()).containsExactly(first.alertId());
        });

        // AND once the rules journal the clear, the resolution is no longer offered again
        rules.record(new RuleJournalEntry(first.alertId(), Rule.NO_WATER_USE, "watch-m1", "NO_WATER_USE", null,
                T0.plus(Duration.ofHours(2)), "事件已结案"));
        assertThat(rules.history(new RuleHistory.Request(T0.plus(Duration.ofHours(2)).plusSeconds(1),
                T0.plus(Duration.ofDays(1)), T0, T0, java.time.ZoneId.of("Asia/Shanghai"))).watches())
                .filteredOn(w -> w.deviceId().equals("watch-m1")).extracting(WatchRestart::reason)
                .containsExactly(WatchRestart.Reason.DATA_GAP);
    }

    private static long elder(String street) {
        return registry.createElder(new Elder(0, "沈阿婆", null, street, "某社区", "某路1号", null, true)).id();
    }
}
