package org.shouwang.demo.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.IncidentState;
import org.shouwang.notifier.EscalationPlan;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.notifier.EscalationStep;
import org.shouwang.notifier.QuietHours;
import org.shouwang.sim.routine.HomeMonth;
import org.shouwang.sim.routine.Spell;

/**
 * The notifier's incidents and escalation as the benchmark models them, on the platform's default plans
 * ({@link EscalationPlans#defaults()}): one unresolved incident per (elder, rule), to which repeats attach; each
 * plan's steps at their delays; a plan quiet at night waits for the morning; at night the elder's well-check is
 * placed only for the rules of {@code elderNightCall}, and skipped otherwise, the plan going straight on; a clear
 * stops a plan that stops on clearing, and a new alert on that still-open incident resumes it where it stopped, at
 * once or, for a rule of {@code quietAfterClear} back within its period, at the period's end. A plan without steps
 * (technical rules) pages nobody.
 */
final class EscalationDesk {

    private final EscalationPlans plans;
    private final QuietHours quiet;
    private final Agenda agenda;
    private final CareResponses people;
    private final DetectionTally tally;
    private final Platform platform;
    private final Map<String, BenchIncident> unresolved = new HashMap<>();
    private final Map<String, BenchIncident> byAlert = new HashMap<>();
    private long ids;

    EscalationDesk(EscalationPlans plans, Agenda agenda, CareResponses people, DetectionTally tally,
                   Platform platform) {
        this.plans = plans;
        this.quiet = plans.quietHours();
        this.agenda = agenda;
        this.people = people;
        this.tally = tally;
        this.platform = platform;
    }

    /** An alert from the rules: attached to the elder's unresolved incident of that rule, or a new incident. */
    void raised(Alert alert, HomeMonth home) {
        Instant now = agenda.now();
        tally.raised(alert, home);
        BenchIncident open = unresolved.get(BenchIncident.key(home.elderId(), alert.rule()));
        if (open != null) {
            open.alertIds.add(alert.alertId());
            open.uncleared.add(alert.alertId());
            byAlert.put(alert.alertId(), open);
            if (open.state == IncidentState.OPEN && open.stoppedByClear) {
                open.stoppedByClear = false;
                open.escalating = true;
                // Back within quietAfterClear's period of the clear: paging resumes at the period's end.
                Instant pagingFrom = plans.quietAfterClear().rules().contains(open.rule)
                        ? open.clearedAt.plus(plans.quietAfterClear().period()) : now;
                schedule(open, pagingFrom.isAfter(now) ? pagingFrom : now);
            }
            return;
        }
        EscalationPlan plan = plans.planFor(home.street(), alert.rule(), alert.rule().severity()).plan();
        BenchIncident incident = new BenchIncident(++ids, home, alert.rule(), plan, now,
                FalseAlarmCause.of(home, alert.rule(), alert.at()));
        incident.alertIds.add(alert.alertId());
        incident.uncleared.add(alert.alertId());
        unresolved.put(incident.key(), incident);
        byAlert.put(alert.alertId(), incident);
        if (!plan.silent()) {
            incident.escalating = true;
            schedule(incident, now.plus(plan.steps().get(0).delay()));
        }
    }

    /** The condition behind an alert ended (water ran again, the meter reported): escalation stops before its next step. */
    void cleared(AlertCleared cleared) {
        Instant now = agenda.now();
        BenchIncident incident = byAlert.get(cleared.alertId());
        if (incident == null || !incident.unresolved()) {
            return;
        }
        incident.uncleared.remove(cleared.alertId());
        if (incident.plan.silent()) {
            agenda.at(people.maintenanceCloses(now), () -> resolve(incident));
            return;
        }
        if (incident.escalating && incident.plan.stopWhenCleared()) {
            incident.escalating = false;
            incident.stoppedByClear = true;
            incident.clearedAt = now;
            incident.generation++;
        }
        if (incident.state == IncidentState.OPEN) {
            agenda.at(people.staffReview(incident.home, now), () -> {
                if (incident.state == IncidentState.OPEN && !incident.escalating) {
                    resolve(incident);
                }
            });
        }
    }

    private void schedule(BenchIncident incident, Instant at) {
        long generation = ++incident.generation;
        agenda.at(at, () -> {
            if (generation == incident.generation) {
                runStep(incident);
            }
        });
    }

    private void runStep(BenchIncident incident) {
        Instant now = agenda.now();
        if (!incident.escalating || incident.state != IncidentState.OPEN) {
            return;
        }
        if (incident.plan.quietAtNight() && quiet.contains(now)) {
            schedule(incident, quiet.endAfter(now));
            return;
        }
        EscalationStep step = incident.plan.steps().get(incident.nextStep);
        if (step.elderOnly()) {
            if (!plans.callsElder(incident.rule, now)) {
                advance(incident, now, true);
                return;
            }
            tally.elderCalled(incident, now);
            if (people.elderAnswers(incident.home, now)) {
                agenda.at(now.plus(people.elderSafeAfter()), () -> resolve(incident));
            }
        } else {
            tally.teamPaged(incident, now);
            if (!incident.teamPaged) {
                incident.teamPaged = true;
                agenda.at(now.plus(people.teamAcknowledges(incident.home, now)), () -> acknowledge(incident));
            }
        }
        advance(incident, now, false);
    }

    /** On to the next step (at once when the elder's call was skipped), a repeat of the last, or the plan's end. */
    private void advance(BenchIncident incident, Instant now, boolean skipped) {
        EscalationPlan plan = incident.plan;
        if (incident.nextStep < plan.steps().size() - 1) {
            incident.nextStep++;
            schedule(incident, skipped ? now : now.plus(plan.steps().get(incident.nextStep).delay()));
        } else if (plan.repeatEvery() != null) {
            schedule(incident, now.plus(plan.repeatEvery()));
        } else {
            incident.escalating = false;
            incident.generation++;
        }
    }

    private void acknowledge(BenchIncident incident) {
        if (incident.state != IncidentState.OPEN) {
            return;
        }
        incident.state = IncidentState.ACKNOWLEDGED;
        incident.escalating = false;
        incident.generation++;
        Instant now = agenda.now();
        agenda.at(now.plus(people.teamResolves(incident.home, now)), () -> teamResolves(incident));
    }

    /**
     * The care team went round. An elder found fallen goes to hospital, recorded as away for a month; one found away
     * (not yet recorded) is recorded as away until they return.
     */
    private void teamResolves(BenchIncident incident) {
        Instant now = agenda.now();
        if (incident.home.fallenAt(now)) {
            platform.absenceRecorded(incident.home.elderId(), now, now.plus(Duration.ofDays(30)), "住院");
        }
        incident.home.awayAt(now)
                .filter(s -> s.kind() != Spell.Kind.VISITORS && !s.registeredBy(now))
                .ifPresent(s -> platform.absenceRecorded(incident.home.elderId(), now, s.to(), s.kind().reason()));
        resolve(incident);
    }

    private void resolve(BenchIncident incident) {
        if (!incident.unresolved()) {
            return;
        }
        incident.state = IncidentState.RESOLVED;
        incident.escalating = false;
        incident.generation++;
        unresolved.remove(incident.key());
        // Only episodes still open re-arm; for cleared ones the engine would do nothing (and the call is not free).
        if (!incident.uncleared.isEmpty()) {
            platform.resolved(incident.alertIds, agenda.now());
        }
    }
}
