package org.shouwang.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;

/** Keeps each device's last known condition (last seen, battery, signal) current as its messages are stored. */
final class TelemetryDeviceState {

    // A late, older message must neither move last_seen_at back nor overwrite a newer battery or signal reading;
    // each reading is judged by its own time, since a message without one (an alarm has no signal) proves nothing.
    private static final String UPDATE_DEVICES = "UPDATE device d SET"
            + " battery = CASE WHEN u.b IS NOT NULL AND (d.battery_at IS NULL OR u.bt::timestamptz >= d.battery_at)"
            + "   THEN u.b ELSE d.battery END,"
            + " battery_at = CASE WHEN u.b IS NOT NULL AND (d.battery_at IS NULL OR u.bt::timestamptz >= d.battery_at)"
            + "   THEN u.bt::timestamptz ELSE d.battery_at END,"
            + " rssi = CASE WHEN u.s IS NOT NULL AND (d.rssi_at IS NULL OR u.st::timestamptz >= d.rssi_at)"
            + "   THEN u.s ELSE d.rssi END,"
            + " rssi_at = CASE WHEN u.s IS NOT NULL AND (d.rssi_at IS NULL OR u.st::timestamptz >= d.rssi_at)"
            + "   THEN u.st::timestamptz ELSE d.rssi_at END,"
            + " last_seen_at = GREATEST(d.last_seen_at, u.ts::timestamptz)"
            + " FROM unnest(?::text[], ?::text[], ?::int4[], ?::text[], ?::int4[], ?::text[]) AS u(id, ts, b, bt, s, st)"
            + " WHERE d.device_id = u.id";

    private TelemetryDeviceState() {
    }

    /** One row per device: its newest timestamp, and battery and signal from its newest message that had them. */
    static void update(Connection c, List<Telemetry> telemetry, List<DeviceEvent> events)
            throws SQLException {
        Map<String, DeviceSeen> seen = new TreeMap<>();
        telemetry.forEach(t -> seen.computeIfAbsent(t.deviceId(), id -> new DeviceSeen())
                .add(t.ts(), t.battery(), t.rssi()));
        events.forEach(e -> seen.computeIfAbsent(e.deviceId(), id -> new DeviceSeen()).add(e.ts(), e.battery(), null));
        if (seen.isEmpty()) {
            return;
        }
        Jdbc.update(c, UPDATE_DEVICES, TelemetryStore.text(c, new ArrayList<>(seen.keySet())),
                TelemetryStore.text(c, seen.values().stream().map(s -> TelemetryStore.iso(s.lastSeen)).toList()),
                c.createArrayOf("int4", seen.values().stream().map(s -> s.battery).toArray(Integer[]::new)),
                TelemetryStore.text(c, seen.values().stream().map(s -> s.batteryAt == null ? null
                        : TelemetryStore.iso(s.batteryAt)).toList()),
                c.createArrayOf("int4", seen.values().stream().map(s -> s.rssi).toArray(Integer[]::new)),
                TelemetryStore.text(c, seen.values().stream().map(s -> s.rssiAt == null ? null
                        : TelemetryStore.iso(s.rssiAt)).toList()));
    }

    /** The newest condition of one device across a batch. */
    private static final class DeviceSeen {
        Instant lastSeen;
        Instant batteryAt;
        Integer battery;
        Instant rssiAt;
        Integer rssi;

        void add(Instant ts, Integer battery, Integer rssi) {
            lastSeen = lastSeen == null || ts.isAfter(lastSeen) ? ts : lastSeen;
            if (battery != null && (batteryAt == null || !ts.isBefore(batteryAt))) {
                this.battery = battery;
                this.batteryAt = ts;
            }
            if (rssi != null && (rssiAt == null || !ts.isBefore(rssiAt))) {
                this.rssi = rssi;
                this.rssiAt = ts;
            }
        }
    }
}
