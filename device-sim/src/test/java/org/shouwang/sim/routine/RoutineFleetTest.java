package org.shouwang.sim.routine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Absence;
import org.shouwang.model.RuleContext;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.SimulatedMessage;

/** The detection benchmark's fleet: the same spec gives the same month, and each home holds what it claims. */
class RoutineFleetTest {

    private static final FleetSpec SPEC = new FleetSpec(24, 8, 14, 30, 7L);
    private static final RoutineFleet FLEET = RoutineFleet.generate(SPEC);

    @Test
    void theSameSeedGivesTheSameMessagesAndAnotherSeedOthers() {
        RoutineFleet again = RoutineFleet.generate(SPEC);
        RoutineFleet other = RoutineFleet.generate(new FleetSpec(24, 8, 14, 30, 8L));

        for (int i = 0; i < FLEET.homes().size(); i++) {
            assertThat(messages(again.homes().get(i))).isEqualTo(messages(FLEET.homes().get(i)));
        }
        assertThat(messages(other.homes().get(0))).isNotEqualTo(messages(FLEET.homes().get(0)));
    }

    @Test
    void aRecordedAbsenceIsInTheContextFromTheMomentItWasRecordedAndAHospitalStayADayLate() {
        List<Spell> recorded = new ArrayList<>();
        for (HomeMonth h : FLEET.homes()) {
            for (Spell s : h.spells()) {
                if (s.registeredAt() != null && s.registeredAt().isAfter(SPEC.from())) {
                    recorded.add(s);
                    HomeMonth home = h;
                    assertThat(absencesOf(FLEET.context(s.registeredAt().minusSeconds(1)), home))
                            .noneMatch(a -> a.from().equals(s.from()));
                    assertThat(absencesOf(FLEET.context(s.registeredAt()), home))
                            .anyMatch(a -> a.from().equals(s.from()) && a.to().equals(s.to()));
                }
            }
        }
        assertThat(recorded).extracting(Spell::kind).contains(Spell.Kind.WEEKEND_AWAY, Spell.Kind.HOSPITAL);
        assertThat(recorded).filteredOn(s -> s.kind() == Spell.Kind.HOSPITAL)
                .allSatisfy(s -> assertThat(Duration.between(s.from(), s.registeredAt())).isGreaterThan(Duration.ofHours(18)));
        assertThat(FLEET.homes()).flatExtracting(HomeMonth::spells)
                .anyMatch(s -> s.kind() == Spell.Kind.WEEKEND_AWAY && s.registeredAt() == null);
    }

    @Test
    void aSilentMeterSendsNothingDuringItsSilenceAndComesBackWithOrWithoutItsBacklog() {
        List<HomeMonth> silent = FLEET.homes().stream().filter(h -> !h.silences().isEmpty()).toList();

        assertThat(silent).extracting(h -> h.silences().get(0).backlog()).contains(true, false);
        for (HomeMonth h : silent) {
            Silence s = h.silences().get(0);
            List<SimulatedMessage> sent = messages(h);
            assertThat(sent).noneMatch(m -> s.covers(m.at()));
            SimulatedMessage back = sent.stream().filter(m -> !m.at().isBefore(s.to())).findFirst().orElseThrow();
            List<WaterInterval> intervals = intervals(sent);
            if (s.backlog()) {
                assertContiguous(intervals);
            } else {
                assertThat(back.telemetry().intervals()).allMatch(i -> !i.start().isBefore(s.to()));
            }
        }
    }

    @Test
    void aOnceADayMeterSendsOneMessageADayOf96QuarterHours() {
        HomeMonth daily = FLEET.homes().stream().filter(h -> h.kind() == MeterKind.DAILY && h.silences().isEmpty())
                .findFirst().orElseThrow();
        List<SimulatedMessage> sent = messages(daily);

        assertThat(sent).hasSize(SPEC.totalDays());
        assertThat(sent).allSatisfy(m -> assertThat(m.telemetry().intervals()).hasSize(96)
                .allMatch(i -> Duration.between(i.start(), i.end()).equals(Duration.ofMinutes(15))));
        assertContiguous(intervals(sent));
    }

    @Test
    void everyMeterSendsEveryIntervalDryOnesIncluded() {
        for (HomeMonth h : FLEET.homes()) {
            if (h.silences().isEmpty()) {
                List<WaterInterval> intervals = intervals(messages(h));
                assertContiguous(intervals);
                assertThat(intervals).anyMatch(i -> i.liters() == 0);
            }
        }
    }

    @Test
    void afterAFallNoWaterRunsExceptATapLeftRunning() {
        List<HomeMonth> fallen = FLEET.homes().stream().filter(h -> h.fall() != null).toList();

        assertThat(fallen).hasSize(8).anyMatch(h -> h.fall().tapLeftRunning());
        for (HomeMonth h : fallen) {
            Fall fall = h.fall();
            List<WaterInterval> after = intervals(messages(h)).stream()
                    .filter(i -> !i.start().isBefore(fall.at())).toList();
            assertThat(after).isNotEmpty();
            if (fall.tapLeftRunning()) {
                assertThat(after).allMatch(i -> i.liters() >= fall.tapLpm() * minutes(i) * 0.99);
            } else {
                assertThat(after).allMatch(i -> i.liters() == 0);
            }
            assertThat(Duration.between(fall.at(), SPEC.to())).isGreaterThanOrEqualTo(FleetSpec.FIND_WITHIN);
        }
    }

    @Test
    void frugalEldersUseAFewLitresADayAndOthersAroundAHundred() {
        for (HomeMonth h : FLEET.homes()) {
            if (h.fall() == null && h.silences().isEmpty()) {
                double perDay = intervals(messages(h)).stream().mapToDouble(WaterInterval::liters).sum() / SPEC.totalDays();
                if (h.habits().frugal()) {
                    assertThat(perDay).isBetween(3.0, 30.0);
                } else {
                    assertThat(perDay).isBetween(40.0, 200.0);
                }
            }
        }
        assertThat(FLEET.homes()).extracting(h -> h.habits().frugal()).contains(true, false);
    }

    private static List<Absence> absencesOf(RuleContext context, HomeMonth home) {
        return context.absences().stream().filter(a -> a.elderId() == home.elderId()).toList();
    }

    private static List<SimulatedMessage> messages(HomeMonth h) {
        List<SimulatedMessage> out = new ArrayList<>();
        Iterator<SimulatedMessage> it = h.messages(SPEC.from(), SPEC.to());
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<WaterInterval> intervals(List<SimulatedMessage> messages) {
        return messages.stream().flatMap(m -> m.telemetry().intervals().stream()).toList();
    }

    private static double minutes(WaterInterval i) {
        return Duration.between(i.start(), i.end()).toMillis() / 60_000.0;
    }

    private static void assertContiguous(List<WaterInterval> intervals) {
        for (int i = 1; i < intervals.size(); i++) {
            Instant previousEnd = intervals.get(i - 1).end();
            assertThat(intervals.get(i).start()).as("interval %d", i).isEqualTo(previousEnd);
        }
    }
}
