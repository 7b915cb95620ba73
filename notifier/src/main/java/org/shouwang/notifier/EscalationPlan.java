package org.shouwang.notifier;

import java.time.Duration;
import java.util.List;

/**
 * How an incident is escalated until someone takes it: ordered steps, then the last step again every
 * {@code repeatEvery} until acknowledged. A plan without steps pages nobody (technical alerts: the
 * maintenance list and its digest instead).
 *
 * @param repeatEvery     interval of the last step's repeats; {@code null}: it runs once
 * @param quietAtNight    steps that fall due in the quiet hours wait until they end (no calls at night)
 * @param stopWhenCleared the condition clearing (water used again, flow stopped) stops the escalation
 */
public record EscalationPlan(List<EscalationStep> steps, Duration repeatEvery, boolean quietAtNight,
                             boolean stopWhenCleared) {

    /** Shorter repeats would page people faster than they can answer. */
    static final Duration MIN_REPEAT = Duration.ofMinutes(1);

    public EscalationPlan {
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (repeatEvery != null && (repeatEvery.compareTo(MIN_REPEAT) < 0 || repeatEvery.compareTo(Duration.ofDays(1)) > 0)) {
            throw new IllegalArgumentException("escalation repeatEvery must be between " + MIN_REPEAT + " and P1D, was "
                    + repeatEvery);
        }
        if (repeatEvery != null && steps.isEmpty()) {
            throw new IllegalArgumentException("an escalation plan without steps has nothing to repeat");
        }
    }

    /** True when it pages nobody. */
    public boolean silent() {
        return steps.isEmpty();
    }

    /** The step at {@code index}; a plan shortened by a configuration change since resumes at its last. */
    EscalationStep step(int index) {
        return steps.get(Math.min(index, steps.size() - 1));
    }

    int lastIndex() {
        return steps.size() - 1;
    }
}
