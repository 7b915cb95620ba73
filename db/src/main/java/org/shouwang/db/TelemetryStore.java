package org.shouwang.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.RejectReason;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * Writes what devices send: telemetry, water use per interval, device events, the devices' last known
 * condition, and the quarantine of refused messages. A batch is one transaction and one multi-row
 * statement per table ({@code unnest} of arrays); the dedup key {@code (device_id, msg_id)} in
 * {@code ingested_message} makes a repeated message a no-op. Blocking JDBC: call it from a worker thread.
 */
public final class TelemetryStore {

    /** Quarantine keeps at most this many bytes of a refused payload; an oversize flood must not fill the disk. */
    public static final int MAX_QUARANTINE_PAYLOAD = 64 * 1024;

    private static final String CLAIM_KEYS = "INSERT INTO ingested_message (device_id, msg_id, channel)"
            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[])"
            + " ON CONFLICT DO NOTHING RETURNING device_id, msg_id";
    private static final String INSERT_TELEMETRY = "INSERT INTO telemetry"
            + " (device_id, msg_id, ts, received_at, total_liters, flow_lpm, battery, rssi)"
            + " SELECT d, m, ts::timestamptz, r::timestamptz, t, f, b, s"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::int4[], ?::int4[])"
            + " AS u(d, m, ts, r, t, f, b, s)";
    private static final String INSERT_WATER_USE = "INSERT INTO water_use (device_id, start_ts, end_ts, liters, msg_id)"
            + " SELECT d, s::timestamptz, e::timestamptz, l, m"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::float8[], ?::text[]) AS u(d, s, e, l, m)";
    private static final String INSERT_EVENTS = "INSERT INTO device_event"
            + " (device_id, msg_id, ts, received_at, kind, action, code, battery)"
            + " SELECT d, m, ts::timestamptz, r::timestamptz, k, a, c, b"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[])"
            + " AS u(d, m, ts, r, k, a, c, b) ON CONFLICT DO NOTHING";
    private static final String INSERT_QUARANTINE =
            "INSERT INTO quarantine (topic, device_id, reason, detail, payload) VALUES (?, ?, ?, ?, ?)";
    private static final String SET_ONLINE = "UPDATE device SET online = ? WHERE device_id = ?";

    private final Jdbc jdbc;

    public TelemetryStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Writes telemetry and events in one transaction; returns the messages that were new. */
    public TelemetryWriteResult writeBatch(List<Telemetry> telemetry, List<DeviceEvent> events) {
        return write(TelemetryBatch.of(telemetry, events));
    }

    /** Writes a whole ingest batch (data, quarantine, status changes) in one transaction. */
    public TelemetryWriteResult write(TelemetryBatch batch) {
        if (batch.isEmpty()) {
            return new TelemetryWriteResult(List.of(), List.of(), 0);
        }
        return jdbc.inTransaction(c -> {
            Map<Key, Object> unique = firstOfEachKey(batch);
            Set<Key> fresh = claim(c, unique);
            List<Telemetry> newTelemetry = new ArrayList<>();
            List<DeviceEvent> newEvents = new ArrayList<>();
            unique.forEach((key, message) -> {
                if (fresh.contains(key)) {
                    if (message instanceof Telemetry t) {
                        newTelemetry.add(t);
                    } else {
                        newEvents.add((DeviceEvent) message);
                    }
                }
            });
            insertTelemetry(c, newTelemetry);
            insertEvents(c, newEvents);
            TelemetryDeviceState.update(c, newTelemetry, newEvents);
            insertQuarantine(c, batch.quarantined());
            applyStatuses(c, batch.statuses());
            int duplicates = batch.telemetry().size() + batch.events().size() - fresh.size();
            return new TelemetryWriteResult(newTelemetry, newEvents, duplicates);
        });
    }

    public void quarantine(String topic, String deviceId, RejectReason reason, String detail, byte[] payload) {
        quarantine(List.of(new QuarantinedMessage(topic, deviceId, reason, detail, payload)));
    }

    public void quarantine(List<QuarantinedMessage> messages) {
        if (!messages.isEmpty()) {
            jdbc.inTransaction(c -> {
                insertQuarantine(c, messages);
                return null;
            });
        }
    }

    /** Records a device's online flag; false when no such device is registered. */
    public boolean setOnline(String deviceId, boolean online) {
        return jdbc.update(SET_ONLINE, online, deviceId) > 0;
    }

    /** The most recently quarantined messages, newest first, for inspection. */
    public List<QuarantinedMessage> recentQuarantine(int limit) {
        return jdbc.list("SELECT topic, device_id, reason, detail, payload, received_at FROM quarantine"
                + " ORDER BY received_at DESC, id DESC LIMIT ?", rs -> new QuarantinedMessage(rs.getString("topic"),
                rs.getString("device_id"), RejectReason.valueOf(rs.getString("reason")), rs.getString("detail"),
                rs.getBytes("payload"), Jdbc.instant(rs, "received_at")), limit);
    }

    /** A meter's cumulative volume at one time. */
    public record Total(Instant ts, double liters) {
    }

    /**
     * The meter's latest cumulative reading taken before {@code before}: a meter that reports only its cumulative
     * volume (CJ/T 188) used the difference since then.
     */
    public Optional<Total> lastTotalBefore(String deviceId, Instant before) {
        return jdbc.one("SELECT ts, total_liters FROM telemetry WHERE device_id = ? AND ts < ?"
                + " AND total_liters IS NOT NULL ORDER BY ts DESC LIMIT 1", rs -> new Total(Jdbc.instant(rs, "ts"),
                rs.getDouble("total_liters")), deviceId, before);
    }

    /** Device and message id: the dedup key. */
    private record Key(String deviceId, String msgId) {
    }

    /** The same message twice in one batch counts once, as the first copy. */
    private static Map<Key, Object> firstOfEachKey(TelemetryBatch batch) {
        Map<Key, Object> unique = new LinkedHashMap<>();
        batch.telemetry().forEach(t -> unique.putIfAbsent(new Key(t.deviceId(), t.msgId()), t));
        batch.events().forEach(e -> unique.putIfAbsent(new Key(e.deviceId(), e.msgId()), e));
        return unique;
    }

    /** Inserts the keys not seen before and returns them; sorted so concurrent writers lock in one order. */
    private static Set<Key> claim(Connection c, Map<Key, Object> unique) throws SQLException {
        if (unique.isEmpty()) {
            return Set.of();
        }
        Map<Key, Object> sorted = new TreeMap<>(Comparator.comparing(Key::deviceId).thenComparing(Key::msgId));
        sorted.putAll(unique);
        List<String> devices = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        sorted.forEach((k, m) -> {
            devices.add(k.deviceId());
            ids.add(k.msgId());
            channels.add(m instanceof Telemetry ? "telemetry" : "event");
        });
        return new HashSet<>(Jdbc.list(c, CLAIM_KEYS, rs -> new Key(rs.getString(1), rs.getString(2)),
                text(c, devices), text(c, ids), text(c, channels)));
    }

    private static void insertTelemetry(Connection c, List<Telemetry> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.update(c, INSERT_TELEMETRY,
                text(c, rows.stream().map(Telemetry::deviceId).toList()),
                text(c, rows.stream().map(Telemetry::msgId).toList()),
                text(c, rows.stream().map(t -> iso(t.ts())).toList()),
                text(c, rows.stream().map(t -> iso(t.receivedAt())).toList()),
                c.createArrayOf("float8", rows.stream().map(Telemetry::totalLiters).toArray(Double[]::new)),
                c.createArrayOf("float8", rows.stream().map(Telemetry::flowLpm).toArray(Double[]::new)),
                c.createArrayOf("int4", rows.stream().map(Telemetry::battery).toArray(Integer[]::new)),
                c.createArrayOf("int4", rows.stream().map(Telemetry::rssi).toArray(Integer[]::new)));
        List<String> devices = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        List<Double> liters = new ArrayList<>();
        List<String> msgIds = new ArrayList<>();
        for (Telemetry t : rows) {
            for (WaterInterval i : t.intervals()) {
                devices.add(t.deviceId());
                starts.add(iso(i.start()));
                ends.add(iso(i.end()));
                liters.add(i.liters());
                msgIds.add(t.msgId());
            }
        }
        if (!devices.isEmpty()) {
            Jdbc.update(c, INSERT_WATER_USE, text(c, devices), text(c, starts), text(c, ends),
                    c.createArrayOf("float8", liters.toArray(Double[]::new)), text(c, msgIds));
        }
        MeterDays.add(c, rows);
    }

    private static void insertEvents(Connection c, List<DeviceEvent> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Jdbc.update(c, INSERT_EVENTS,
                text(c, rows.stream().map(DeviceEvent::deviceId).toList()),
                text(c, rows.stream().map(DeviceEvent::msgId).toList()),
                text(c, rows.stream().map(e -> iso(e.ts())).toList()),
                text(c, rows.stream().map(e -> iso(e.receivedAt())).toList()),
                text(c, rows.stream().map(e -> name(e.kind())).toList()),
                text(c, rows.stream().map(e -> name(e.action())).toList()),
                text(c, rows.stream().map(e -> name(e.code())).toList()),
                c.createArrayOf("int4", rows.stream().map(DeviceEvent::battery).toArray(Integer[]::new)));
    }

    private static void insertQuarantine(Connection c, List<QuarantinedMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_QUARANTINE)) {
            for (QuarantinedMessage m : messages) {
                byte[] payload = m.payload().length > MAX_QUARANTINE_PAYLOAD
                        ? Arrays.copyOf(m.payload(), MAX_QUARANTINE_PAYLOAD) : m.payload();
                Jdbc.bind(ps, m.topic(), m.deviceId(), m.reason(), m.detail(), payload);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Only the last status of each device in the batch matters. */
    private static void applyStatuses(Connection c, List<TelemetryBatch.StatusChange> statuses) throws SQLException {
        if (statuses.isEmpty()) {
            return;
        }
        Map<String, Boolean> last = new TreeMap<>();
        statuses.forEach(s -> last.put(s.deviceId(), s.online()));
        try (PreparedStatement ps = c.prepareStatement(SET_ONLINE)) {
            for (Map.Entry<String, Boolean> e : last.entrySet()) {
                Jdbc.bind(ps, e.getValue(), e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Array text(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(String[]::new));
    }

    static String iso(Instant t) {
        return t.toString();
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
