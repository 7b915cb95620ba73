package org.shouwang.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One meter's stored telemetry of the recovery period reduced to what its rule state needs, so a restart
 * reads a few rows per meter instead of every reading (issue 9). Computed in SQL by the database.
 *
 * @param lastHeardAt  the latest arrival of a reading (DEVICE_SILENT)
 * @param coveredFrom  the earliest instant its intervals cover (null: none; readings without intervals cover nothing)
 * @param coveredUntil the latest: the latest interval end
 * @param batteryTs    the device time of the newest reading that carried a battery level (null: none did)
 * @param battery      that level (LOW_BATTERY)
 * @param days         litres per calendar day (the day of an interval's last millisecond; HIGH_USE)
 * @param recent       the intervals that used water and started at or after the request's {@code recentFrom},
 *                     by start, then end (NO_WATER_USE's ledger and the current CONTINUOUS_FLOW stretch;
 *                     a dry interval ends a stretch as a gap does); older ones on demand
 */
public record MeterDigest(String deviceId, Instant lastHeardAt, Instant coveredFrom, Instant coveredUntil,
                          Instant batteryTs, Integer battery, List<DayUse> days, List<WaterInterval> recent) {

    /** Litres used on one calendar day. */
    public record DayUse(LocalDate day, double liters) {
    }

    public MeterDigest {
        days = days == null ? List.of() : List.copyOf(days);
        recent = recent == null ? List.of() : List.copyOf(recent);
    }
}
