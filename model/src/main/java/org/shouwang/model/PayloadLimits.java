package org.shouwang.model;

import java.time.Duration;

/**
 * Bounds beyond which a device value is treated as absurd rather than stored.
 *
 * @param maxBytes        largest accepted payload
 * @param maxIntervals    most intervals in one telemetry message
 * @param maxFutureSkew   how far ahead of the platform clock a device timestamp may be
 * @param maxIntervalLiters most litres one interval may report (a household tap gives ~15 L/min)
 * @param maxFlowLpm      highest plausible flow
 */
public record PayloadLimits(int maxBytes, int maxIntervals, Duration maxFutureSkew,
                            double maxIntervalLiters, double maxFlowLpm) {

    public static final PayloadLimits DEFAULTS =
            new PayloadLimits(16 * 1024, 500, Duration.ofMinutes(15), 5_000, 500);

    public PayloadLimits {
        if (maxBytes <= 0 || maxIntervals <= 0 || maxIntervalLiters <= 0 || maxFlowLpm <= 0) {
            throw new IllegalArgumentException("payload limits must be positive");
        }
        if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must be zero or positive");
        }
    }
}
