package org.shouwang.demo.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;
import org.shouwang.sim.routine.FleetSpec;
import org.shouwang.sim.routine.HomeMonth;
import org.shouwang.sim.routine.RoutineFleet;

/**
 * Counts what the modelled escalation did against the fleet's truth: for each fall the first care-team page and
 * well-check call after it; for elders who were fine, in the scored days, each incident that paged the care team (by
 * rule and cause), each well-check call, each technical alert, and each incident that reached anyone because a meter
 * had gone silent.
 */
final class DetectionTally {

    private final FleetSpec spec;
    private final List<HomeMonth> homes;
    private final Map<Long, FallOutcome> falls = new LinkedHashMap<>();
    private final Map<Rule, Map<FalseAlarmCause, Integer>> falseTeam = new EnumMap<>(Rule.class);
    private int wellChecksFine;
    private int technical;
    private int silentPeople;
    private final Map<Long, Integer> peopleFacing = new LinkedHashMap<>();

    DetectionTally(RoutineFleet fleet) {
        this.spec = fleet.spec();
        this.homes = fleet.homes();
        for (HomeMonth h : homes) {
            h.fallen().ifPresent(f -> falls.put(h.elderId(),
                    new FallOutcome(h.elderId(), h.kind(), f, null, null, null, null)));
        }
    }

    void raised(Alert alert, HomeMonth home) {
        if (alert.rule().severity() == Severity.TECHNICAL && fine(home, alert.at())) {
            technical++;
        }
    }

    void elderCalled(BenchIncident incident, Instant at) {
        HomeMonth home = incident.home;
        if (home.fallenAt(at)) {
            FallOutcome f = falls.get(home.elderId());
            if (f.firstCall() == null) {
                falls.put(home.elderId(), new FallOutcome(f.elderId(), f.meter(), f.fall(), f.firstTeamPage(),
                        f.teamRule(), at, incident.rule));
            }
        } else if (scored(at)) {
            wellChecksFine++;
            reachedFine(incident);
        }
    }

    void teamPaged(BenchIncident incident, Instant at) {
        HomeMonth home = incident.home;
        if (home.fallenAt(at)) {
            FallOutcome f = falls.get(home.elderId());
            if (f.firstTeamPage() == null) {
                falls.put(home.elderId(), new FallOutcome(f.elderId(), f.meter(), f.fall(), at, incident.rule,
                        f.firstCall(), f.callRule()));
            }
        } else if (scored(at) && !incident.teamPaged) {
            falseTeam.computeIfAbsent(incident.rule, r -> new EnumMap<>(FalseAlarmCause.class))
                    .merge(incident.cause, 1, Integer::sum);
            reachedFine(incident);
        }
    }

    private void reachedFine(BenchIncident incident) {
        if (!incident.peopleFacing) {
            incident.peopleFacing = true;
            peopleFacing.merge(incident.home.elderId(), 1, Integer::sum);
            if (incident.cause == FalseAlarmCause.SILENT_METER) {
                silentPeople++;
            }
        }
    }

    DetectionFigures figures(RuleSet ruleSet, long messages, double seconds) {
        return new DetectionFigures(ruleSet, new ArrayList<>(falls.values()), elderMonths(), falseTeam, wellChecksFine,
                technical, silentPeople, peopleFacing, messages, seconds);
    }

    /** Scored days of elders who had not fallen, over thirty. */
    private double elderMonths() {
        long ms = 0;
        for (HomeMonth h : homes) {
            Instant end = h.fallen().map(f -> f.at()).filter(t -> t.isBefore(spec.to())).orElse(spec.to());
            if (end.isAfter(spec.scoredFrom())) {
                ms += Duration.between(spec.scoredFrom(), end).toMillis();
            }
        }
        return ms / (30 * 86_400_000.0);
    }

    private boolean fine(HomeMonth home, Instant at) {
        return scored(at) && !home.fallenAt(at);
    }

    private boolean scored(Instant at) {
        return !at.isBefore(spec.scoredFrom()) && at.isBefore(spec.to());
    }
}
