package org.shouwang.model;

import java.time.Duration;

/**
 * Bounds beyond which a device value is treated as absurd rather than stored.
 *
 * @param maxBytes          largest accepted payload
 * @param maxIntervals      most intervals in one telemetry message
 * @param maxFutureSkew     how far ahead of the platform clock a device timestamp may be
 * @param maxIntervalLiters most litres one interval may report (a household tap gives ~15 L/min)
 * @param maxFlowLpm        highest plausible flow
 * @param maxPastAge        how far behind the platform clock a device timestamp may be; older is a device
 *                          clock that was reset (1970, year 0) and is refused, never stored as history
 */
public record PayloadLimits(int maxBytes, int maxIntervals, Duration maxFutureSkew,
                            double maxIntervalLiters, double maxFlowLpm, Duration maxPastAge) {

    /** A meter that was offline for months may upload what it kept; a year is beyond any meter's memory. */
    public static final Duration DEFAULT_MAX_PAST_AGE = Duration.ofDays(366);

    /** Most intervals in one message: five days of quarter-hours; a longer backlog comes in several messages. */
    public static final int DEFAULT_MAX_INTERVALS = 500;
    /**
     * Room for {@link #DEFAULT_MAX_INTERVALS} intervals in the documented format with the widest realistic values
     * (millisecond timestamps with offset, 4999.9 L): 48,202 bytes (measured in device-sim's DevicePayloadsTest),
     * with a third to spare for whitespace. The old 16 KiB held only about 191 intervals.
     */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    public static final PayloadLimits DEFAULTS = new PayloadLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_INTERVALS,
            Duration.ofMinutes(15), 5_000, 500, DEFAULT_MAX_PAST_AGE);

    public PayloadLimits {
        if (maxBytes <= 0 || maxIntervals <= 0 || maxIntervalLiters <= 0 || maxFlowLpm <= 0) {
            throw new IllegalArgumentException("payload limits must be positive");
        }
        if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must be zero or positive");
        }
        if (maxPastAge == null || maxPastAge.isNegative() || maxPastAge.isZero()) {
            throw new IllegalArgumentException("maxPastAge must be positive");
        }
    }

    public PayloadLimits(int maxBytes, int maxIntervals, Duration maxFutureSkew, double maxIntervalLiters,
                         double maxFlowLpm) {
        this(maxBytes, maxIntervals, maxFutureSkew, maxIntervalLiters, maxFlowLpm, DEFAULT_MAX_PAST_AGE);
    }
}
