package org.shouwang.demo.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shouwang.model.Absence;
import org.shouwang.model.Rule;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.rules.RuleEngine;
import org.shouwang.sim.routine.HomeMonth;
import org.shouwang.sim.routine.RoutineFleet;

/**
 * Runs a simulated fleet through the real rule engine on its own clock and the platform's escalation as modelled by
 * {@link EscalationDesk}: meter messages in arrival order, the registry's absences applied when staff record them,
 * and the people's answers, pages and resolutions at their times, the clock moved to each in turn. Resolutions reach
 * the engine ({@code incidentResolved}), so its rules re-arm as they do in the platform.
 */
public final class DetectionBench {

    private final RoutineFleet fleet;
    private final EscalationPlans plans;

    /** @param plans the escalation plans to model, e.g. {@link EscalationPlans#defaults()} */
    public DetectionBench(RoutineFleet fleet, EscalationPlans plans) {
        this.fleet = fleet;
        this.plans = plans;
    }

    /** {@code plans} with another set of rules whose well-check call may wake an elder at night. */
    public static EscalationPlans withElderNightCall(EscalationPlans plans, Set<Rule> rules) {
        return new EscalationPlans(plans.severities(), plans.rules(), plans.streets(), plans.quietHours(),
                plans.quietAfterClear(), rules);
    }

    public DetectionFigures run(RuleSet ruleSet) {
        long started = System.nanoTime();
        Map<String, HomeMonth> byMeter = new HashMap<>();
        fleet.homes().forEach(h -> byMeter.put(h.meterId(), h));
        Instant from = fleet.spec().from();
        Instant to = fleet.spec().to();
        RuleOutcomes outcomes = new RuleOutcomes();
        Agenda agenda = new Agenda(from);
        DetectionTally tally = new DetectionTally(fleet);
        long messages = 0;
        try (RuleEngine engine = new RuleEngine(ruleSet.settings(), from, outcomes)) {
            List<Absence> recorded = new ArrayList<>();
            Platform platform = new Platform() {
                @Override
                public void resolved(Collection<String> alertIds, Instant at) {
                    engine.incidentResolved(alertIds, at);
                }

                @Override
                public void absenceRecorded(long elderId, Instant absentFrom, Instant absentTo, String reason) {
                    recorded.add(new Absence(1_000_000L + recorded.size(), elderId, absentFrom, absentTo, reason,
                            agenda.now(), "照护人员"));
                    engine.applyContext(fleet.context(agenda.now(), recorded));
                }
            };
            EscalationDesk desk = new EscalationDesk(plans, agenda, new CareResponses(fleet.spec().seed()), tally,
                    platform);
            engine.applyContext(fleet.context(from));
            for (Instant at : fleet.registrations()) {
                agenda.at(at, () -> engine.applyContext(fleet.context(agenda.now(), recorded)));
            }
            FleetMessages meters = new FleetMessages(fleet);
            while (true) {
                Instant message = meters.next();
                Instant task = agenda.next();
                if (task != null && !task.isBefore(to)) {
                    task = null;
                }
                if (message == null && task == null) {
                    break;
                }
                if (task != null && (message == null || !task.isAfter(message))) {
                    engine.advanceTo(task);
                    agenda.moveTo(task);
                    deliver(outcomes, desk, byMeter);
                    agenda.runNext();
                } else {
                    engine.advanceTo(message);
                    agenda.moveTo(message);
                    deliver(outcomes, desk, byMeter);
                    engine.onTelemetry(meters.take().telemetry());
                    messages++;
                }
                deliver(outcomes, desk, byMeter);
            }
            engine.advanceTo(to);
            agenda.moveTo(to);
            deliver(outcomes, desk, byMeter);
        }
        return tally.figures(ruleSet, messages, (System.nanoTime() - started) / 1e9);
    }

    private static void deliver(RuleOutcomes outcomes, EscalationDesk desk, Map<String, HomeMonth> byMeter) {
        RuleOutcomes.Outcome o;
        while ((o = outcomes.poll()) != null) {
            if (o.raised() != null) {
                HomeMonth home = byMeter.get(o.raised().deviceId());
                if (home != null) {
                    desk.raised(o.raised(), home);
                }
            } else {
                desk.cleared(o.cleared());
            }
        }
    }
}
