package org.shouwang.db;

import java.time.Instant;

/**
 * One incident's place in its escalation plan: the step (and round of it) to run when {@code dueAt}
 * comes. {@code dueAt} is {@code null} once the plan has nothing more to send; an inactive escalation
 * was stopped (acknowledged, resolved, condition cleared) and sends nothing again.
 *
 * @param plan        the plan chosen for the incident, as people read it ("CRITICAL", "平江街道 CRITICAL")
 * @param unreachedAt when the latest round of pages reached nobody, {@code null} while someone was reached
 */
public record Escalation(long incidentId, String plan, int nextStep, int nextRound, Instant dueAt, boolean active,
                         String stopReason, Instant stoppedAt, Instant unreachedAt) {

    /** True while the latest round reached nobody: the console shows the incident in red. */
    public boolean unreached() {
        return unreachedAt != null;
    }
}
