package org.shouwang.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds and timing of the rule engine, validated at the boundary.
 *
 * @param noWaterWindow    how long a reporting meter may go without {@code noWaterMinLiters} of use
 *                         before NO_WATER_USE is raised (DESIGN.md: 24 h, 12 h in extreme-weather mode)
 * @param noWaterMinLiters the least water, in litres, that counts as "water was used" within the window
 * @param tick             how often {@link RulesVerticle} moves the rule clock up to the wall clock; it
 *                         bounds how late a timer-driven alert (NO_WATER_USE) can be raised
 */
public record RuleSettings(Duration noWaterWindow, double noWaterMinLiters, Duration tick) {

    /** The defaults of DESIGN.md: under 10 L in 24 h, clock advanced every second. */
    public static final RuleSettings DEFAULTS = new RuleSettings(Duration.ofHours(24), 10.0, Duration.ofSeconds(1));

    public RuleSettings {
        Objects.requireNonNull(noWaterWindow, "noWaterWindow");
        Objects.requireNonNull(tick, "tick");
        // The EPL timer works in whole milliseconds; a sub-millisecond window would silently become zero.
        if (noWaterWindow.toMillis() <= 0) {
            throw new IllegalArgumentException("noWaterWindow must be at least 1 ms, got " + noWaterWindow);
        }
        if (!Double.isFinite(noWaterMinLiters) || noWaterMinLiters <= 0) {
            throw new IllegalArgumentException("noWaterMinLiters must be a positive number, got " + noWaterMinLiters);
        }
        // Vert.x periodic timers take at least 1 ms.
        if (tick.toMillis() <= 0) {
            throw new IllegalArgumentException("tick must be at least 1 ms, got " + tick);
        }
    }

    /** These settings with another no-water window (e.g. 12 h in extreme-weather mode). */
    public RuleSettings withNoWaterWindow(Duration window) {
        return new RuleSettings(window, noWaterMinLiters, tick);
    }

    /** These settings with another clock tick. */
    public RuleSettings withTick(Duration newTick) {
        return new RuleSettings(noWaterWindow, noWaterMinLiters, newTick);
    }
}
