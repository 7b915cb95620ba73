package org.shouwang.demo.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.shouwang.model.Rule;
import org.shouwang.sim.routine.Fall;
import org.shouwang.sim.routine.FleetSpec;
import org.shouwang.sim.routine.MeterKind;

/**
 * What became of one fall: the first care-team page and the first well-check call at or after it, with the rule
 * that caused each (null: none came by the end of the period).
 */
public record FallOutcome(long elderId, MeterKind meter, Fall fall, Instant firstTeamPage, Rule teamRule,
                          Instant firstCall, Rule callRule) {

    /** From the fall to the care team's first page, if it came within 72 h. */
    public Optional<Duration> toTeam() {
        return within(firstTeamPage);
    }

    /** From the fall to the elder's first well-check call, if it came within 72 h. */
    public Optional<Duration> toCall() {
        return within(firstCall);
    }

    /** From the fall to the first page of anyone (the elder's call or the care team), if within 72 h. */
    public Optional<Duration> toFirstPage() {
        Optional<Duration> team = toTeam();
        Optional<Duration> call = toCall();
        if (team.isEmpty()) {
            return call;
        }
        return call.isEmpty() || team.get().compareTo(call.get()) < 0 ? team : call;
    }

    /** True when the care team was paged within 72 h: the fall was found. */
    public boolean found() {
        return toTeam().isPresent();
    }

    private Optional<Duration> within(Instant at) {
        if (at == null) {
            return Optional.empty();
        }
        Duration d = Duration.between(fall.at(), at);
        return d.compareTo(FleetSpec.FIND_WITHIN) <= 0 ? Optional.of(d) : Optional.empty();
    }
}
