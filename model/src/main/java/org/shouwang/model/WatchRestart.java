package org.shouwang.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A rule that judges a stretch of time (no water, water never stopping, a device gone quiet) starts counting
 * again at {@code at} for one device. The rules keep these ({@code rule_watch}) so a restart counts from the
 * same instant: staff resolved the incident as the elder safe ({@link Reason#RESOLVED}), or the meter's
 * data came back after a stretch its intervals do not cover ({@link Reason#DATA_GAP}: that time is unknown,
 * never counted as time without water).
 */
public record WatchRestart(String deviceId, Rule rule, Instant at, Reason reason) {

    public enum Reason {
        /** Staff closed the incident: the watch starts afresh from the resolution. */
        RESOLVED,
        /** The meter's intervals resumed after a gap in coverage: the watch starts at the first covered instant. */
        DATA_GAP
    }

    public WatchRestart {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
