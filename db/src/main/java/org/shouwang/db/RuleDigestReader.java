package org.shouwang.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.shouwang.model.DaySlots;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.Routine;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.WaterInterval;

/**
 * Reads the recovery period back for the rules, bounded: per meter a digest computed in SQL (aggregates
 * over the period, a few rows per meter) and only the recent intervals one by one, instead of every
 * reading joined to its intervals (that replay took 76 s with 105 k readings). Plain SQL over the
 * rollup {@code rules_meter_day} (V13), {@code telemetry_received} and {@code water_use_start} (V11); the
 * same on TimescaleDB hypertables.
 */
final class RuleDigestReader {

    private static final int FETCH_SIZE = 10_000;
    /** Per meter and day, maintained at write time (V13, {@link MeterDays}): a few rows per meter. */
    private static final String DAYS = "SELECT device_id, day, liters, intervals, min_start, max_end,"
            + " last_received, battery_ts, battery_received, battery FROM rules_meter_day WHERE day >= ?";

    /** Intervals that used water only: a dry one ends a flow stretch as a gap does, and counts for no ledger. */
    private static final String RECENT = "SELECT device_id, start_ts, end_ts, liters FROM water_use"
            + " WHERE start_ts >= ? AND liters > 0 ORDER BY device_id, start_ts, end_ts";
    private static final String WATER = "SELECT device_id, start_ts, end_ts, liters FROM water_use"
            + " WHERE device_id = ANY (?) AND start_ts >= ? AND start_ts < ? AND liters > 0"
            + " ORDER BY device_id, start_ts, end_ts";
    private static final String KEYS = "SELECT device_id, msg_id FROM telemetry WHERE received_at >= ?";
    private static final String EVENTS = "SELECT device_id, msg_id, ts, received_at, kind, action, code, battery"
            + " FROM device_event WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id";

    private RuleDigestReader() {
    }

    /**
     * One digest per meter that has readings arrived, or intervals ending, from {@code r.from()}'s day on,
     * by device id: whole days of the rollup, so a period that starts within a day reads that day whole
     * (recovery starts its period at midnight for that reason). Read up to the snapshot, not {@code r.to()}:
     * today's row already holds what was written since; {@link #keys} lists those readings.
     */
    static List<MeterDigest> meters(Connection c, RuleHistory.Request r) throws SQLException {
        if (!r.zone().equals(MeterDays.ZONE)) {
            throw new IllegalArgumentException("rules_meter_day keeps " + MeterDays.ZONE + " days, not " + r.zone());
        }
        Map<String, Builder> meters = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(DAYS)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setObject(1, MeterDays.day(r.from()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    meters.computeIfAbsent(rs.getString("device_id"), Builder::new).day(rs);
                }
            }
        }
        readIntervals(c, RECENT, (id, i) -> meters.computeIfAbsent(id, Builder::new).recent.add(i), r.recentFrom());
        return meters.values().stream().map(Builder::build).toList();
    }

    /** The intervals that used water of these meters, started in {@code [from, to)}, by start: for the few digests that need more. */
    static Map<String, List<WaterInterval>> water(Connection c, Collection<String> deviceIds, Instant from, Instant to)
            throws SQLException {
        Map<String, List<WaterInterval>> out = new LinkedHashMap<>();
        if (deviceIds.isEmpty()) {
            return out;
        }
        Array ids = c.createArrayOf("text", deviceIds.toArray());
        readIntervals(c, WATER, (id, i) -> out.computeIfAbsent(id, k -> new ArrayList<>()).add(i), ids, from, to);
        return out;
    }

    /** Keys of the readings received since {@code from}, up to the snapshot (as {@link #meters} reads). */
    static Set<String> keys(Connection c, Instant from) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(KEYS)) {
            ps.setFetchSize(FETCH_SIZE);
            Jdbc.bind(ps, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(RuleHistory.key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return keys;
    }

    static List<DeviceEvent> events(Connection c, Instant from, Instant to) throws SQLException {
        return Jdbc.list(c, EVENTS, rs -> new DeviceEvent(rs.getString("device_id"), rs.getString("msg_id"),
                Jdbc.instant(rs, "ts"), Jdbc.instant(rs, "received_at"), DeviceEvent.Kind.valueOf(rs.getString("kind")),
                enumOrNull(DeviceEvent.Action.class, rs.getString("action")),
                enumOrNull(DeviceEvent.AlarmCode.class, rs.getString("code")), Jdbc.integer(rs, "battery")), from, to);
    }

    private interface IntervalSink {
        void add(String deviceId, WaterInterval interval);
    }

    private static void readIntervals(Connection c, String sql, IntervalSink sink, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            Jdbc.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.add(rs.getString(1), new WaterInterval(Jdbc.instant(rs, "start_ts"), Jdbc.instant(rs, "end_ts"),
                            rs.getDouble("liters")));
                }
            }
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static final class Builder {
        private final String deviceId;
        private final TreeMap<java.time.LocalDate, Double> days = new TreeMap<>();
        private final List<WaterInterval> recent = new ArrayList<>();
        private Instant lastHeardAt;
        private Instant coveredFrom;
        private Instant coveredUntil;
        private Instant batteryTs;
        private Instant batteryReceived;
        private Integer battery;

        Builder(String deviceId) {
            this.deviceId = deviceId;
        }

        void day(ResultSet rs) throws SQLException {
            if (rs.getInt("intervals") > 0) {
                days.put(rs.getObject("day", java.time.LocalDate.class), rs.getDouble("liters"));
                covered(Jdbc.instant(rs, "min_start"), Jdbc.instant(rs, "max_end"));
            }
            // Coverage is the intervals' alone: a reading without intervals covers no time (issue 12).
            Instant received = Jdbc.instant(rs, "last_received");
            if (received != null && (lastHeardAt == null || received.isAfter(lastHeardAt))) {
                lastHeardAt = received;
            }
            Instant ts = Jdbc.instant(rs, "battery_ts");
            Instant at = Jdbc.instant(rs, "battery_received");
            if (ts != null && (batteryTs == null || ts.isAfter(batteryTs)
                    || (ts.equals(batteryTs) && at.isAfter(batteryReceived)))) {
                batteryTs = ts;
                batteryReceived = at;
                battery = Jdbc.integer(rs, "battery");
            }
        }

        void covered(Instant from, Instant until) {
            if (from != null && (coveredFrom == null || from.isBefore(coveredFrom))) {
                coveredFrom = from;
            }
            if (until != null && (coveredUntil == null || until.isAfter(coveredUntil))) {
                coveredUntil = until;
            }
        }

        MeterDigest build() {
            return new MeterDigest(deviceId, lastHeardAt, coveredFrom, coveredUntil, batteryTs, battery,
                    days.entrySet().stream().map(e -> new MeterDigest.DayUse(e.getKey(), e.getValue())).toList(), recent);
        }
    }

    /**
     * Each meter's quarter-hour days (V18) from {@link Routine#LEARN_DAYS} + 3 days before the period's first day on:
     * what its learned routine and the gap in progress at the period's start are rebuilt from. Days its intervals
     * covered nothing of are left out.
     */
    static Map<String, Map<LocalDate, DaySlots.Masks>> routineDays(Connection c, RuleHistory.Request r)
            throws SQLException {
        LocalDate first = r.from().atZone(r.zone()).toLocalDate().minusDays(Routine.LEARN_DAYS + 3);
        Map<String, Map<LocalDate, DaySlots.Masks>> out = new HashMap<>();
        Jdbc.list(c, "SELECT device_id, day, covered_slots::text AS covered, wet_slots::text AS wet FROM rules_meter_day"
                + " WHERE day >= ? AND covered_slots <> repeat('0', 96)::bit(96)", rs -> out
                .computeIfAbsent(rs.getString("device_id"), id -> new TreeMap<>())
                .put(rs.getObject("day", LocalDate.class),
                        DaySlots.Masks.ofBits(rs.getString("covered"), rs.getString("wet"))), first);
        return out;
    }
}
