package org.shouwang.sim.routine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.shouwang.sim.DevicePayloads;

/**
 * What fleet to simulate: how many homes, how many of their elders fall, and over which period. The period is a
 * warm-up (history the rules learn from, not scored) followed by the scored days; falls and meter silences happen
 * in the scored days, falls at least 72 hours before the end so that each can be found in time.
 *
 * @param start the first day of the warm-up (local, Asia/Shanghai)
 */
public record FleetSpec(int homes, int falls, int warmupDays, int days, long seed, LocalDate start) {

    /** A Monday. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2025, 3, 3);
    /** How long a fall is given to be found. */
    public static final Duration FIND_WITHIN = Duration.ofHours(72);

    public FleetSpec {
        if (homes < 1 || falls < 0 || falls > homes) {
            throw new IllegalArgumentException("need at least one home and between 0 and " + homes + " falls");
        }
        if (warmupDays < 0 || days < 1) {
            throw new IllegalArgumentException("warm-up days must not be negative and at least one day is scored");
        }
        if (falls > 0 && days < 4) {
            throw new IllegalArgumentException("falls need at least 4 scored days (72 h to be found)");
        }
        if (start == null) {
            throw new IllegalArgumentException("start is required");
        }
    }

    public FleetSpec(int homes, int falls, int warmupDays, int days, long seed) {
        this(homes, falls, warmupDays, days, seed, DEFAULT_START);
    }

    /** The warm-up's start. */
    public Instant from() {
        return start.atStartOfDay(DevicePayloads.DEVICE_ZONE).toInstant();
    }

    /** The first scored instant. */
    public Instant scoredFrom() {
        return start.plusDays(warmupDays).atStartOfDay(DevicePayloads.DEVICE_ZONE).toInstant();
    }

    /** The period's end. */
    public Instant to() {
        return start.plusDays(warmupDays + days).atStartOfDay(DevicePayloads.DEVICE_ZONE).toInstant();
    }

    public int totalDays() {
        return warmupDays + days;
    }
}
