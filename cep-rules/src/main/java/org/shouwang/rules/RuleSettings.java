package org.shouwang.rules;

import java.time.Duration;
import java.util.Objects;
import org.shouwang.model.RuleThresholds;

/**
 * How the rule engine runs, validated at the boundary.
 *
 * @param defaults         the thresholds every device starts from (configuration); district, street and elder
 *                         overrides from the database are laid over them
 * @param tick             how often {@link RulesVerticle} moves the rule clock up to the platform clock; it bounds
 *                         how late a timer-driven alert (NO_WATER_USE, DEVICE_SILENT) can be raised
 * @param recoveryLookback how much stored history a restart replays to rebuild rule state; longer than the
 *                         longest no-water window, so a silence that began before the restart is still seen
 * @param contextRefresh   how often the registry snapshot (new devices, thresholds, absences) is reloaded even
 *                         without a {@code RULES_CHANGED} notification
 */
public record RuleSettings(RuleThresholds defaults, Duration tick, Duration recoveryLookback, Duration contextRefresh) {

    /** DESIGN.md's thresholds, the clock moved every second, three days replayed, the registry reloaded every 5 min. */
    public static final RuleSettings DEFAULTS = new RuleSettings(RuleThresholds.DEFAULTS, Duration.ofSeconds(1),
            Duration.ofDays(3), Duration.ofMinutes(5));

    public RuleSettings {
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(recoveryLookback, "recoveryLookback");
        Objects.requireNonNull(contextRefresh, "contextRefresh");
        if (!defaults.isComplete()) {
            throw new IllegalArgumentException("defaults must set every threshold, got " + defaults);
        }
        // Vert.x periodic timers take at least 1 ms.
        if (tick.toMillis() <= 0) {
            throw new IllegalArgumentException("tick must be at least 1 ms, got " + tick);
        }
        if (recoveryLookback.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("recoveryLookback must be at least 1 hour, got " + recoveryLookback);
        }
        if (contextRefresh.toMillis() <= 0) {
            throw new IllegalArgumentException("contextRefresh must be at least 1 ms, got " + contextRefresh);
        }
    }

    /**
     * DESIGN.md's thresholds with the no-water window and minimum given, as the configuration of the first
     * slice set them ({@code rules.noWaterWindow}, {@code rules.noWaterMinLiters}).
     */
    public RuleSettings(Duration noWaterWindow, double noWaterMinLiters, Duration tick) {
        this(thresholds(noWaterWindow, noWaterMinLiters), tick, DEFAULTS.recoveryLookback, DEFAULTS.contextRefresh);
    }

    private static RuleThresholds thresholds(Duration noWaterWindow, double noWaterMinLiters) {
        Objects.requireNonNull(noWaterWindow, "noWaterWindow");
        RuleThresholds t = RuleThresholds.DEFAULTS.withNoWaterWindow(noWaterWindow).withNoWaterMinLiters(noWaterMinLiters);
        // A configured normal window shorter than the default extreme one: extreme weather cannot lengthen it.
        return t.noWaterWindowExtreme().compareTo(noWaterWindow) > 0 ? t.withNoWaterWindowExtreme(noWaterWindow) : t;
    }

    /** These settings with other default thresholds laid over the current ones. */
    public RuleSettings withDefaults(RuleThresholds overlay) {
        return new RuleSettings(defaults.overlay(overlay), tick, recoveryLookback, contextRefresh);
    }

    /** These settings with another no-water window (the extreme one shortened to it if longer). */
    public RuleSettings withNoWaterWindow(Duration window) {
        RuleThresholds t = defaults.withNoWaterWindow(window);
        if (t.noWaterWindowExtreme().compareTo(window) > 0) {
            t = t.withNoWaterWindowExtreme(window);
        }
        return new RuleSettings(t, tick, recoveryLookback, contextRefresh);
    }

    /** These settings with another clock tick. */
    public RuleSettings withTick(Duration newTick) {
        return new RuleSettings(defaults, newTick, recoveryLookback, contextRefresh);
    }

    public RuleSettings withRecoveryLookback(Duration lookback) {
        return new RuleSettings(defaults, tick, lookback, contextRefresh);
    }

    public RuleSettings withContextRefresh(Duration refresh) {
        return new RuleSettings(defaults, tick, recoveryLookback, refresh);
    }
}
