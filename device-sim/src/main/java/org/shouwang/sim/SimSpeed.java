package org.shouwang.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How fast simulated time runs against real time when a scenario is played to a running site. The period is
 * placed so that it ends when the run ends: at speed N a period of P ends P/N from now, so every message carries
 * a timestamp in the past or the present and none is refused as ahead of the platform's clock. {@link #MAX}
 * plays the whole period at once (it ends now) as fast as the rate cap allows; {@code 1} plays it live.
 */
public record SimSpeed(double factor) {

    /** As fast as the rate cap allows. */
    public static final SimSpeed MAX = new SimSpeed(Double.POSITIVE_INFINITY);
    /** Live: simulated time is real time. */
    public static final SimSpeed LIVE = new SimSpeed(1);

    public SimSpeed {
        if (Double.isNaN(factor) || factor < 1) {
            throw new IllegalArgumentException("the speed must be 1 (live) or more, or max");
        }
    }

    /** {@code max}, or a factor of at least 1 such as {@code 60} or {@code 1.5}. */
    public static SimSpeed parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("max")) {
            return MAX;
        }
        try {
            return new SimSpeed(Double.parseDouble(s.endsWith("x") ? s.substring(0, s.length() - 1) : s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the speed must be a number of at least 1, or max; not '" + text + "'");
        }
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    /** The period's end when a run of a {@code period} starts at {@code now}. */
    public Instant periodEnd(Instant now, Duration period) {
        return isMax() ? now : now.plusNanos((long) (period.toNanos() / factor));
    }

    /** Real nanoseconds from the period's start until simulated time reaches {@code sinceStart}. */
    long realNanos(Duration sinceStart) {
        return isMax() ? 0 : (long) (sinceStart.toNanos() / factor);
    }

    @Override
    public String toString() {
        return isMax() ? "max" : factor == Math.rint(factor) ? (long) factor + "x" : factor + "x";
    }
}
