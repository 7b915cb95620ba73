package org.shouwang.demo.detection;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;
import org.shouwang.notifier.EscalationPlan;
import org.shouwang.sim.routine.HomeMonth;

/**
 * One incident as the notifier keeps it, for the benchmark: one unresolved per (elder, rule), the alerts attached,
 * the state, and where its escalation plan stands. {@code generation} changes whenever the escalation is stopped or
 * rescheduled, so a step planned before that does not run.
 */
final class BenchIncident {

    final long id;
    final HomeMonth home;
    final Rule rule;
    final EscalationPlan plan;
    final Instant openedAt;
    final FalseAlarmCause cause;
    final Set<String> alertIds = new LinkedHashSet<>();
    /** The attached alerts whose condition has not cleared: the episodes a resolution can still re-arm. */
    final Set<String> uncleared = new LinkedHashSet<>();
    IncidentState state = IncidentState.OPEN;
    boolean escalating;
    boolean stoppedByClear;
    Instant clearedAt;
    int nextStep;
    long generation;
    boolean teamPaged;
    boolean peopleFacing;

    BenchIncident(long id, HomeMonth home, Rule rule, EscalationPlan plan, Instant openedAt, FalseAlarmCause cause) {
        this.id = id;
        this.home = home;
        this.rule = rule;
        this.plan = plan;
        this.openedAt = openedAt;
        this.cause = cause;
    }

    boolean unresolved() {
        return state != IncidentState.RESOLVED;
    }

    String key() {
        return key(home.elderId(), rule);
    }

    static String key(long elderId, Rule rule) {
        return elderId + ":" + rule;
    }
}
