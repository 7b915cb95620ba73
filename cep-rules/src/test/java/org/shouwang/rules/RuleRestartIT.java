package org.shouwang.rules;

import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.RuleStore;
import org.shouwang.db.TelemetryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * The platform's rules stopped and started on a real PostgreSQL, with the rows ingest's
 * {@link TelemetryStore} writes and the journal {@link RuleStore} keeps: an elder silent for 20 hours
 * at the restart is raised at hour 24 as if nothing had happened, and nothing raised before is raised again.
 */
class RuleRestartIT {

    private static final Instant T0 = Instant.parse("2025-02-03T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String METER = "restart-m1";
    private static final String BUTTON = "restart-b1";

    private final TestClock clock = new TestClock(T0.minus(Duration.ofHours(1)));
    private final List<Alert> raised = new CopyOnWriteArrayList<>();
    private Database db;
    private TelemetryStore telemetry;
    private RuleContextSource source;
    private Vertx vertx;
    private int seq;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        telemetry = new TelemetryStore(db.dataSource());
        RegistryStore registry = new RegistryStore(db.dataSource());
        long elder = registry.createElder(new Elder(0, "钱阿婆", null, "金阊街道", "石路社区", "石路8号", null, true)).id();
        registry.addDevice(METER, DeviceKind.WATER_METER, elder);
        registry.addDevice(BUTTON, DeviceKind.CALL_BUTTON, elder);
        RuleStore store = new RuleStore(db.dataSource());
        source = RuleContextSource.of(store::context, store::history, store::water, store::record, store::record,
                store::resolution);
        vertx = Vertx.vertx();
        vertx.eventBus().<String>consumer(Addresses.ALERT_RAISED, m -> raised.add(Json.read(m.body(), Alert.class)))
                .completion().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        db.close();
    }

    @Test
    void aSilenceUnderwayAtTheRestartIsRaisedAtItsTimeAndNothingIsRaisedTwice() throws Exception {
        // GIVEN the rules running while the elder uses water at T0 and then none; a press at T0+2h and a
        // battery reading of 15 % from T0+5h on
        String first = deploy();
        report(0, 90, new WaterInterval(T0.minusSeconds(900), T0, 20));
        for (int hour = 1; hour <= 20; hour++) {
            report(hour, hour >= 5 ? 15 : 90);
            if (hour == 2) {
                press(Duration.ofHours(2), "p1");
            }
        }
        await().alias("press and low battery raised and journaled").atMost(TIMEOUT).until(() -> raised.size() == 2
                && journaled() == 2);

        // WHEN the rules stop at T0+20h and start again from the database
        vertx.undeploy(first).await(30, TimeUnit.SECONDS);
        deploy();
        assertThat(raised).hasSize(2);

        // THEN the silence since T0 is raised at T0+24h, and it is the only new alert
        for (int hour = 21; hour <= 24; hour++) {
            report(hour, 15);
        }
        await().alias("NO_WATER_USE after the restart").atMost(TIMEOUT).until(() -> raised.size() >= 3);
        assertThat(raised).extracting(Alert::rule).containsExactly(Rule.BUTTON_PRESSED, Rule.LOW_BATTERY, Rule.NO_WATER_USE);
        assertThat(raised.get(2)).satisfies(alert -> {
            assertThat(alert.at()).isEqualTo(T0.plus(Duration.ofHours(24)));
            assertThat(alert.alertId()).isEqualTo("NO_WATER_USE:" + METER + ":" + T0.toEpochMilli());
        });
        await().alias("journaled").atMost(TIMEOUT).until(() -> journaled() == 3);
        assertThat(raised).hasSize(3);
    }

    @Test
    void aPressStoredWhileTheRulesWereDownIsRaisedWhenTheyStart() throws Exception {
        String first = deploy();
        press(Duration.ofHours(1), "p1");
        await().atMost(TIMEOUT).until(() -> raised.size() == 1 && journaled() == 1);
        vertx.undeploy(first).await(30, TimeUnit.SECONDS);

        // ingest stored a press while the rules were stopped (a failover): nobody judged it yet
        clock.set(T0.plus(Duration.ofHours(2)));
        DeviceEvent press = new DeviceEvent(BUTTON, "p2", clock.instant(), clock.instant(), DeviceEvent.Kind.BUTTON,
                DeviceEvent.Action.PRESS, null, 90);
        telemetry.writeBatch(List.of(), List.of(press));
        clock.set(T0.plus(Duration.ofHours(3)));
        deploy();

        await().alias("the stored press raised at start").atMost(TIMEOUT).until(() -> raised.size() == 2);
        assertThat(raised).extracting(Alert::alertId)
                .containsExactly("BUTTON_PRESSED:" + BUTTON + ":p1", "BUTTON_PRESSED:" + BUTTON + ":p2");
    }

    @Test
    void theLearnedRoutineIsRebuiltFromTheDatabaseAndJudgesTheFirstMorningAfterAStart() throws Exception {
        // GIVEN two weeks of a regular home stored by ingest while no rules ran (water at 07:00, 08:00, 12:00, 18:00
        // and 21:30), hourly readings of four quarter hours each, and the night after them
        java.time.LocalDate day1 = java.time.LocalDate.of(2025, 1, 10);
        java.util.Set<Integer> uses = java.util.Set.of(28, 32, 48, 72, 86);
        List<Telemetry> history = new java.util.ArrayList<>();
        for (int d = 0; d < 15; d++) {
            // and the fifteenth night up to 06:00, the meter reporting as ever
            for (int hour = 0; hour < (d < 14 ? 24 : 6); hour++) {
                List<WaterInterval> quarters = new java.util.ArrayList<>();
                for (int q = 0; q < 4; q++) {
                    Instant from = local(day1.plusDays(d), hour * 60 + q * 15);
                    quarters.add(new WaterInterval(from, from.plus(Duration.ofMinutes(15)),
                            uses.contains(hour * 4 + q) ? 5.0 : 0.0));
                }
                Instant at = local(day1.plusDays(d), hour * 60 + 60);
                history.add(new Telemetry(METER, "h" + d + "-" + hour, at, at, 1000.0, quarters, 0.0, 90, -80));
            }
        }
        telemetry.writeBatch(history, List.of());
        java.time.LocalDate day15 = day1.plusDays(14);

        // WHEN the rules start at 06:00 on the fifteenth day and the morning's quarter hours come without water
        clock.set(local(day15, 6 * 60));
        deploy();
        for (int minute = 6 * 60 + 15; minute <= 8 * 60 + 15; minute += 15) {
            Instant t = local(day15, minute);
            clock.set(t);
            Telemetry reading = new Telemetry(METER, "live" + minute, t, t, 1000.0,
                    List.of(new WaterInterval(t.minus(Duration.ofMinutes(15)), t, 0)), 0.0, 90, -80);
            telemetry.writeBatch(List.of(reading), List.of());
            vertx.eventBus().publish(Addresses.TELEMETRY_ACCEPTED, Json.write(reading));
        }

        // THEN the routine learned from the stored days breaks at 08:15, an hour after the usual first use
        await().alias("ROUTINE_BREAK after the start").atMost(TIMEOUT)
                .until(() -> raised.stream().anyMatch(a -> a.rule() == Rule.ROUTINE_BREAK));
        assertThat(raised).filteredOn(a -> a.rule() == Rule.ROUTINE_BREAK).singleElement().satisfies(a -> {
            assertThat(a.at()).isEqualTo(local(day15, 8 * 60 + 15));
            assertThat(a.detail()).isEqualTo("通常7:15前用水，今天至8:15仍无用水");
        });
    }

    private static Instant local(java.time.LocalDate day, int minutes) {
        return day.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).plusMinutes(minutes).toInstant();
    }

    private String deploy() throws Exception {
        // The test moves the clock an hour at a time, faster than the bus delivers: a meter reporting twice
        // a day cannot look silent for the moment the rules lag behind.
        RuleSettings settings = RuleSettings.DEFAULTS.withTick(Duration.ofMillis(10))
                .withDefaults(org.shouwang.model.RuleThresholds.NONE.withMeterReportInterval(Duration.ofHours(12)));
        return vertx.deployVerticle(new RulesVerticle(settings, clock, source)).await(120, TimeUnit.SECONDS);
    }

    /**
     * As ingest does it: durable first, then announced. Without intervals given, the reading carries a dry one
     * since the previous reading (a meter sends every interval; one without any covers no time).
     */
    private void report(int hour, int battery, WaterInterval... intervals) {
        Instant t = T0.plus(Duration.ofHours(hour));
        clock.set(t);
        List<WaterInterval> sent = intervals.length > 0 ? List.of(intervals)
                : List.of(new WaterInterval(t.minus(Duration.ofHours(1)), t, 0));
        Telemetry reading = new Telemetry(METER, "m" + (++seq), t, t, 1000.0, sent, 0.0, battery, -80);
        telemetry.writeBatch(List.of(reading), List.of());
        vertx.eventBus().publish(Addresses.TELEMETRY_ACCEPTED, Json.write(reading));
    }

    private void press(Duration offset, String msgId) {
        Instant t = T0.plus(offset);
        clock.set(t);
        DeviceEvent press = new DeviceEvent(BUTTON, msgId, t, t, DeviceEvent.Kind.BUTTON, DeviceEvent.Action.PRESS, null, 90);
        telemetry.writeBatch(List.of(), List.of(press));
        vertx.eventBus().publish(Addresses.EVENT_ACCEPTED, Json.write(press));
    }

    private long journaled() {
        return new org.shouwang.db.Jdbc(db.dataSource()).one("SELECT count(*) FROM rule_alert", rs -> rs.getLong(1))
                .orElse(0L);
    }
}
