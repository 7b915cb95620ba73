package org.shouwang.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * Keeps {@code rules_meter_day} (V13) current: per meter and Asia/Shanghai day, what rule recovery needs
 * (litres and intervals by the day of an interval's end; device times, latest arrival and newest battery
 * of the readings that arrived that day; the quarter-hour slots its intervals covered and used water in, V18), so
 * a restart reads a few rows per meter, not every reading.
 */
public final class MeterDays {

    /** The zone of the rollup's days: the rules' calendar (HIGH_USE). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final String UPSERT = "INSERT INTO rules_meter_day AS d (device_id, day, liters, intervals,"
            + " min_start, max_end, min_ts, max_ts, last_received, battery_ts, battery_received, battery,"
            + " covered_slots, wet_slots)"
            + " SELECT dev, day::date, l, n, s::timestamptz, e::timestamptz, t0::timestamptz, t1::timestamptz,"
            + " r::timestamptz, bt::timestamptz, br::timestamptz, b, cs::bit(96), ws::bit(96)"
            + " FROM unnest(?::text[], ?::text[], ?::float8[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[])"
            + " AS u(dev, day, l, n, s, e, t0, t1, r, bt, br, b, cs, ws)"
            + " ON CONFLICT (device_id, day) DO UPDATE SET liters = d.liters + EXCLUDED.liters,"
            + " covered_slots = d.covered_slots | EXCLUDED.covered_slots, wet_slots = d.wet_slots | EXCLUDED.wet_slots,"
            + " intervals = d.intervals + EXCLUDED.intervals,"
            + " min_start = LEAST(d.min_start, EXCLUDED.min_start), max_end = GREATEST(d.max_end, EXCLUDED.max_end),"
            + " min_ts = LEAST(d.min_ts, EXCLUDED.min_ts), max_ts = GREATEST(d.max_ts, EXCLUDED.max_ts),"
            + " last_received = GREATEST(d.last_received, EXCLUDED.last_received),"
            + " battery_ts = CASE WHEN " + newerBattery() + " THEN EXCLUDED.battery_ts ELSE d.battery_ts END,"
            + " battery_received = CASE WHEN " + newerBattery() + " THEN EXCLUDED.battery_received"
            + " ELSE d.battery_received END,"
            + " battery = CASE WHEN " + newerBattery() + " THEN EXCLUDED.battery ELSE d.battery END";

    private MeterDays() {
    }

    private static String newerBattery() {
        return "EXCLUDED.battery_ts IS NOT NULL AND (d.battery_ts IS NULL"
                + " OR (EXCLUDED.battery_ts, EXCLUDED.battery_received) > (d.battery_ts, d.battery_received))";
    }

    /**
     * Recomputes the rollup from {@code since}'s day on from the stored readings and intervals (SQL
     * {@code rules_meter_day_rebuild}): for a database filled other than through {@link TelemetryStore},
     * or a recovery lookback longer than the 31 days V13 backfilled.
     */
    public static void rebuild(DataSource ds, Instant since) {
        new Jdbc(ds).inTransaction(c -> {
            Jdbc.list(c, "SELECT rules_meter_day_rebuild(?)", rs -> null, since);
            Jdbc.list(c, "SELECT rules_meter_day_slots_rebuild(?)", rs -> null, since);
            return null;
        });
    }

    /** Adds newly stored readings (never a duplicate: counted once) to their days; one statement per batch. */
    static void add(Connection c, List<Telemetry> fresh) throws SQLException {
        Map<Key, Day> days = new TreeMap<>(Comparator.comparing(Key::deviceId).thenComparing(Key::day));
        for (Telemetry t : fresh) {
            days.computeIfAbsent(new Key(t.deviceId(), day(t.receivedAt())), k -> new Day()).reading(t);
            for (WaterInterval i : t.intervals()) {
                // Its last instant: an interval ending at midnight belongs to the day before (as HIGH_USE counts).
                days.computeIfAbsent(new Key(t.deviceId(), day(i.end().minusNanos(1))), k -> new Day()).interval(i);
                // Its quarter-hour slots, each on the day it starts (the learned routine's days).
                DaySlots.of(i.start(), i.end(), i.liters()).forEach((d, masks) ->
                        days.computeIfAbsent(new Key(t.deviceId(), d), k -> new Day()).slots.addAll(masks));
            }
        }
        if (days.isEmpty()) {
            return;
        }
        List<Day> rows = new ArrayList<>(days.values());
        Jdbc.update(c, UPSERT,
                TelemetryStore.text(c, days.keySet().stream().map(Key::deviceId).toList()),
                TelemetryStore.text(c, days.keySet().stream().map(k -> k.day().toString()).toList()),
                c.createArrayOf("float8", rows.stream().map(d -> d.liters).toArray(Double[]::new)),
                c.createArrayOf("int4", rows.stream().map(d -> d.intervals).toArray(Integer[]::new)),
                instants(c, rows, d -> d.minStart), instants(c, rows, d -> d.maxEnd),
                instants(c, rows, d -> d.minTs), instants(c, rows, d -> d.maxTs),
                instants(c, rows, d -> d.lastReceived), instants(c, rows, d -> d.batteryTs),
                instants(c, rows, d -> d.batteryReceived),
                c.createArrayOf("int4", rows.stream().map(d -> d.battery).toArray(Integer[]::new)),
                TelemetryStore.text(c, rows.stream().map(d -> d.slots.coveredBits()).toList()),
                TelemetryStore.text(c, rows.stream().map(d -> d.slots.wetBits()).toList()));
    }

    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZONE);
    }

    private static java.sql.Array instants(Connection c, List<Day> rows, java.util.function.Function<Day, Instant> f)
            throws SQLException {
        return TelemetryStore.text(c, rows.stream().map(d -> f.apply(d) == null ? null : TelemetryStore.iso(f.apply(d)))
                .toList());
    }

    private record Key(String deviceId, LocalDate day) {
    }

    /** One meter's day within a batch, combined as the upsert combines it with the stored row. */
    private static final class Day {
        double liters;
        int intervals;
        Instant minStart;
        Instant maxEnd;
        Instant minTs;
        Instant maxTs;
        Instant lastReceived;
        Instant batteryTs;
        Instant batteryReceived;
        Integer battery;
        final DaySlots.Masks slots = new DaySlots.Masks();

        void interval(WaterInterval i) {
            liters += i.liters();
            intervals++;
            minStart = minStart == null || i.start().isBefore(minStart) ? i.start() : minStart;
            maxEnd = maxEnd == null || i.end().isAfter(maxEnd) ? i.end() : maxEnd;
        }

        void reading(Telemetry t) {
            minTs = minTs == null || t.ts().isBefore(minTs) ? t.ts() : minTs;
            maxTs = maxTs == null || t.ts().isAfter(maxTs) ? t.ts() : maxTs;
            lastReceived = lastReceived == null || t.receivedAt().isAfter(lastReceived) ? t.receivedAt() : lastReceived;
            if (t.battery() != null && (batteryTs == null || t.ts().isAfter(batteryTs)
                    || (t.ts().equals(batteryTs) && t.receivedAt().isAfter(batteryReceived)))) {
                batteryTs = t.ts();
                batteryReceived = t.receivedAt();
                battery = t.battery();
            }
        }
    }
}
