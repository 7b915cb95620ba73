package org.shouwang.model;

import java.time.Instant;

/**
 * The thresholds a site set for the whole district, one street or one elder; unset fields inherit
 * (elder → street → district → configuration). Who set them and when is kept.
 */
public record RuleThresholdOverride(Scope scope, String street, Long elderId, RuleThresholds thresholds,
                                    Instant updatedAt, String updatedBy) {

    /** Where an override applies. */
    public enum Scope { DISTRICT, STREET, ELDER }
}
