package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.RejectReason;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/** Batched, idempotent telemetry writes on a real PostgreSQL. */
class TelemetryStoreIT {

    private static final Instant T0 = Instant.parse("2025-03-01T23:00:00Z");
    private static Database db;
    private static TelemetryStore store;
    private static RegistryStore registry;
    private static Jdbc jdbc;
    private static long elderId;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        store = new TelemetryStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
        jdbc = new Jdbc(db.dataSource());
        elderId = registry.createElder(new Elder(0, "李阿公", null, "平江街道", "大儒巷社区", "大儒巷3号", null, true)).id();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aDuplicateInsideABatchAndAResentBatchCreateOneRowEach() {
        String meter = device("m-dup", DeviceKind.WATER_METER);
        String button = device("b-dup", DeviceKind.CALL_BUTTON);
        List<Telemetry> telemetry = List.of(reading(meter, "1", T0, 2.5), reading(meter, "1", T0, 2.5),
                reading(meter, "2", T0.plusSeconds(60), 1.0));
        List<DeviceEvent> events = List.of(press(button, "p1", T0), press(button, "p1", T0));

        TelemetryWriteResult first = store.writeBatch(telemetry, events);
        TelemetryWriteResult again = store.writeBatch(telemetry, events);

        assertThat(first.newTelemetry()).extracting(Telemetry::msgId).containsExactly("1", "2");
        assertThat(first.newEvents()).extracting(DeviceEvent::msgId).containsExactly("p1");
        assertThat(first.duplicates()).isEqualTo(2);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(5);
        assertThat(count("telemetry", meter)).isEqualTo(2);
        assertThat(count("water_use", meter)).isEqualTo(2);
        assertThat(count("device_event", button)).isEqualTo(1);
        assertThat(count("ingested_message", meter) + count("ingested_message", button)).isEqualTo(3);
    }

    @Test
    void everyIntervalBecomesAWaterUseRowJudgedByItsOwnTime() {
        String meter = device("m-int", DeviceKind.WATER_METER);
        List<WaterInterval> intervals = List.of(
                new WaterInterval(T0.minusSeconds(7200), T0.minusSeconds(3600), 12.5),
                new WaterInterval(T0.minusSeconds(3600), T0, 0.0),
                new WaterInterval(T0, T0.plusSeconds(600), 3.25));
        Telemetry t = new Telemetry(meter, "w1", T0.plusSeconds(600), T0.plusSeconds(601), 1000.0, intervals,
                0.0, 80, -90);

        store.writeBatch(List.of(t), List.of());

        List<Map.Entry<Instant, Double>> rows = jdbc.list(
                "SELECT start_ts, liters FROM water_use WHERE device_id = ? ORDER BY start_ts",
                rs -> Map.entry(Jdbc.instant(rs, "start_ts"), rs.getDouble("liters")), meter);
        assertThat(rows).containsExactly(Map.entry(T0.minusSeconds(7200), 12.5),
                Map.entry(T0.minusSeconds(3600), 0.0), Map.entry(T0, 3.25));
        assertThat(jdbc.one("SELECT total_liters FROM telemetry WHERE device_id = ?", rs -> rs.getDouble(1), meter))
                .contains(1000.0);
    }

    @Test
    void deviceConditionFollowsTheNewestMessageEvenWhenAnOlderOneArrivesLate() {
        String meter = device("m-seen", DeviceKind.WATER_METER);
        store.writeBatch(List.of(reading(meter, "a", T0, 1, 70, -80), reading(meter, "b", T0.plusSeconds(60), 1, 69, null)),
                List.of());
        store.writeBatch(List.of(reading(meter, "old", T0.minusSeconds(3600), 1, 95, -60)), List.of());

        assertThat(jdbc.one("SELECT last_seen_at, battery, rssi FROM device WHERE device_id = ?",
                rs -> List.of(Jdbc.instant(rs, "last_seen_at"), rs.getInt("battery"), rs.getInt("rssi")), meter))
                .contains(List.of(T0.plusSeconds(60), 69, -80));
    }

    @Test
    void aMetersSignalIsKeptWhenAnAlarmWithoutSignalWasWrittenFirstThoughSentLater() {
        // Alarms travel ahead of readings (their own writer): the alarm of T0+5s, which carries no signal, can
        // commit before the reading of T0 that does. The reading's signal is still the newest signal there is.
        String meter = device("m-alarm-first", DeviceKind.WATER_METER);
        store.writeBatch(List.of(), List.of(new DeviceEvent(meter, "alarm", T0.plusSeconds(5), T0.plusSeconds(6),
                DeviceEvent.Kind.METER_ALARM, null, DeviceEvent.AlarmCode.LEAK, null)));
        store.writeBatch(List.of(reading(meter, "report", T0, 1, 70, -95)), List.of());

        assertThat(jdbc.one("SELECT last_seen_at, battery, rssi FROM device WHERE device_id = ?",
                rs -> List.of(Jdbc.instant(rs, "last_seen_at"), rs.getInt("battery"), rs.getInt("rssi")), meter))
                .contains(List.of(T0.plusSeconds(5), 70, -95));
    }

    @Test
    void quarantinedMessagesAreKeptWithReasonDetailAndBytes() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] huge = new byte[TelemetryStore.MAX_QUARANTINE_PAYLOAD + 10];
        String topic = "shouwang/v1/q-" + System.nanoTime() + "/telemetry";

        store.quarantine(topic, "q-dev", RejectReason.MALFORMED_JSON, "unexpected end", garbage);
        store.write(new TelemetryBatch(List.of(), List.of(),
                List.of(new QuarantinedMessage(topic, null, RejectReason.OVERSIZE, "too big", huge)), List.of()));

        List<QuarantinedMessage> kept = store.recentQuarantine(100).stream()
                .filter(q -> q.topic().equals(topic)).toList();
        assertThat(kept).extracting(QuarantinedMessage::reason)
                .containsExactlyInAnyOrder(RejectReason.MALFORMED_JSON, RejectReason.OVERSIZE);
        QuarantinedMessage malformed = kept.stream().filter(q -> q.reason() == RejectReason.MALFORMED_JSON)
                .findFirst().orElseThrow();
        assertThat(malformed.payload()).isEqualTo(garbage);
        assertThat(malformed.deviceId()).isEqualTo("q-dev");
        assertThat(malformed.detail()).isEqualTo("unexpected end");
        assertThat(malformed.receivedAt()).isNotNull();
        QuarantinedMessage oversize = kept.stream().filter(q -> q.reason() == RejectReason.OVERSIZE)
                .findFirst().orElseThrow();
        assertThat(oversize.payload()).hasSize(TelemetryStore.MAX_QUARANTINE_PAYLOAD);
        assertThat(oversize.deviceId()).isNull();
    }

    @Test
    void statusChangesSetTheOnlineFlagAndTheLastOneInABatchWins() {
        String button = device("b-status", DeviceKind.CALL_BUTTON);

        assertThat(store.setOnline(button, true)).isTrue();
        assertThat(online(button)).isTrue();
        store.write(new TelemetryBatch(List.of(), List.of(), List.of(), List.of(
                new TelemetryBatch.StatusChange(button, true), new TelemetryBatch.StatusChange(button, false))));
        assertThat(online(button)).isFalse();
        assertThat(store.setOnline("not-registered", true)).isFalse();
    }

    private static String device(String prefix, DeviceKind kind) {
        String id = prefix + "-" + System.nanoTime();
        registry.addDevice(id, kind, elderId);
        return id;
    }

    private static Telemetry reading(String device, String msgId, Instant ts, double liters) {
        return reading(device, msgId, ts, liters, 90, -85);
    }

    private static Telemetry reading(String device, String msgId, Instant ts, double liters, Integer battery,
                                     Integer rssi) {
        return new Telemetry(device, msgId, ts, ts.plusSeconds(1), 100.0,
                List.of(new WaterInterval(ts.minusSeconds(300), ts, liters)), 0.0, battery, rssi);
    }

    private static DeviceEvent press(String device, String msgId, Instant ts) {
        return new DeviceEvent(device, msgId, ts, ts.plusSeconds(1), DeviceEvent.Kind.BUTTON,
                DeviceEvent.Action.PRESS, null, 88);
    }

    private static long count(String table, String device) {
        return jdbc.one("SELECT count(*) FROM " + table + " WHERE device_id = ?", rs -> rs.getLong(1), device)
                .orElseThrow();
    }

    private static boolean online(String device) {
        return jdbc.one("SELECT online FROM device WHERE device_id = ?", rs -> rs.getBoolean(1), device).orElseThrow();
    }
}
