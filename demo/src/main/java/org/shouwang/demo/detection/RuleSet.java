package org.shouwang.demo.detection;

import org.shouwang.model.RuleThresholds;
import org.shouwang.rules.RuleSettings;

/** Which rules a benchmark run judges the fleet by: the fixed rules alone, or with the learned routine. */
public enum RuleSet {
    /** The learned routine off ({@code routineSensitivity} 0): NO_WATER_USE and the other fixed rules. */
    FIXED("fixed", 0.0),
    /** The default thresholds, the learned routine as learned ({@code routineSensitivity} 1). */
    LEARNED("learned", 1.0);

    private final String label;
    private final double routineSensitivity;

    RuleSet(String label, double routineSensitivity) {
        this.label = label;
        this.routineSensitivity = routineSensitivity;
    }

    public String label() {
        return label;
    }

    /** The rule engine's settings for this run. */
    public RuleSettings settings() {
        return RuleSettings.DEFAULTS.withDefaults(RuleThresholds.DEFAULTS.withRoutineSensitivity(routineSensitivity));
    }
}
