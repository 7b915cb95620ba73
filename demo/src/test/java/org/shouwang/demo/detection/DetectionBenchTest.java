package org.shouwang.demo.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Rule;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.sim.routine.FleetSpec;
import org.shouwang.sim.routine.HomeMonth;
import org.shouwang.sim.routine.RoutineFleet;

/** The detection benchmark on a tiny fleet, through the real rule engine: falls are found, silent meters page nobody. */
class DetectionBenchTest {

    private static final RoutineFleet FLEET = RoutineFleet.generate(new FleetSpec(4, 2, 2, 5, 11L));
    private static final DetectionBench BENCH = new DetectionBench(FLEET, EscalationPlans.defaults());

    @Test
    void aFallWithNoWaterIsFoundByNoWaterUseWithin72HoursAndASilentMeterPagesNobody() {
        DetectionFigures fixed = BENCH.run(RuleSet.FIXED);

        List<FallOutcome> dry = fixed.falls().stream().filter(f -> !f.fall().tapLeftRunning()).toList();
        assertThat(dry).hasSize(2).allSatisfy(f -> {
            assertThat(f.teamRule()).isEqualTo(Rule.NO_WATER_USE);
            assertThat(f.toTeam()).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofHours(72)));
            assertThat(f.callRule()).isEqualTo(Rule.NO_WATER_USE);
        });
        List<HomeMonth> silent = FLEET.homes().stream().filter(h -> !h.silences().isEmpty()).toList();
        assertThat(silent).hasSize(1);
        assertThat(silent.get(0).silences().get(0).backlog()).as("back without its backlog: a gap no interval covers")
                .isFalse();
        assertThat(fixed.peopleFacing()).doesNotContainKey(silent.get(0).elderId());
        assertThat(fixed.silentPeople()).isZero();
        assertThat(fixed.technical()).as("the dead battery is told to maintenance").isPositive();
    }

    @Test
    void theSameFleetGivesTheSameFigures() {
        DetectionFigures a = BENCH.run(RuleSet.FIXED);
        DetectionFigures b = BENCH.run(RuleSet.FIXED);

        assertThat(DetectionReport.summary(b)).isEqualTo(DetectionReport.summary(a));
        assertThat(b.falls()).isEqualTo(a.falls());
    }
}
