package org.shouwang.model;

import java.time.Instant;
import java.util.List;

/**
 * A validated meter reading ({@code shouwang/v1/{deviceId}/telemetry}). Optional numbers are null when
 * the device did not send them. {@code receivedAt} is the platform's clock at arrival.
 */
public record Telemetry(
        String deviceId,
        String msgId,
        Instant ts,
        Instant receivedAt,
        Double totalLiters,
        List<WaterInterval> intervals,
        Double flowLpm,
        Integer battery,
        Integer rssi) {

    public Telemetry {
        intervals = intervals == null ? List.of() : List.copyOf(intervals);
    }

    /** Litres used across all intervals of this message. */
    public double litersUsed() {
        return intervals.stream().mapToDouble(WaterInterval::liters).sum();
    }
}
