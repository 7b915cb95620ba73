package org.shouwang.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The learned routine and the quarter-hour days it is learned from. */
class RoutineTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 29);
    private static final Duration FLOOR = Duration.ofHours(3);

    @Test
    void anIntervalCoversTheSlotsItOverlapsAndIsWetFromOneLitre() {
        Instant start = LocalDate.of(2025, 3, 1).atTime(23, 30).atZone(DaySlots.ZONE).toInstant();
        Map<LocalDate, DaySlots.Masks> days = DaySlots.of(start, start.plus(Duration.ofHours(1)), 2.0);

        assertThat(days).containsOnlyKeys(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2));
        DaySlots.Masks first = days.get(LocalDate.of(2025, 3, 1));
        assertThat(first.covered(94)).isTrue();
        assertThat(first.wet(95)).isTrue();
        assertThat(first.covered(93)).isFalse();
        assertThat(days.get(LocalDate.of(2025, 3, 2)).coveredCount()).isEqualTo(2);
        assertThat(DaySlots.of(start, start.plus(Duration.ofMinutes(15)), 0.9).get(LocalDate.of(2025, 3, 1)).wetCount())
                .as("a drip is not use").isZero();
        assertThat(DaySlots.Masks.ofBits(first.coveredBits(), first.wetBits())).isEqualTo(first);
        assertThat(DaySlots.isWet(start, start.plusSeconds(30), 0.04)).as("4.8 L an hour, in 30 s").isTrue();
        assertThat(DaySlots.isWet(start, start.plusSeconds(30), 0.02)).isFalse();
    }

    @Test
    void armedFromTenDaysWithCoverageAndUseExcludingAbsences() {
        Map<LocalDate, DaySlots.Masks> days = regularDays(10);
        assertThat(Routine.learn(days, Set.of(), TODAY, 1.0, FLOOR).armed()).isTrue();
        assertThat(Routine.learn(days, Set.of(TODAY.minusDays(3)), TODAY, 1.0, FLOOR).learnedDays()).isEqualTo(9);
        assertThat(Routine.learn(days, Set.of(TODAY.minusDays(3)), TODAY, 1.0, FLOOR).armed()).isFalse();

        days.put(TODAY.minusDays(11), dry());
        assertThat(Routine.learn(days, Set.of(), TODAY, 1.0, FLOOR).learnedDays()).as("a day without use is no routine")
                .isEqualTo(10);
    }

    @Test
    void anAbsenceExcludesTheDaysItTouchesButNotTheDayBeginningAtItsEnd() {
        Instant from = TODAY.minusDays(5).atTime(9, 0).atZone(DaySlots.ZONE).toInstant();
        Instant midnight = TODAY.minusDays(3).atStartOfDay(DaySlots.ZONE).toInstant();
        Absence away = new Absence(1, 1, from, midnight, "住院", from, "社区");

        assertThat(Routine.absentDays(java.util.List.of(away), TODAY))
                .containsExactlyInAnyOrder(TODAY.minusDays(5), TODAY.minusDays(4));
        assertThat(Routine.learnedDays(regularDays(14), Routine.absentDays(java.util.List.of(away), TODAY), TODAY))
                .hasSize(12).doesNotContain(TODAY.minusDays(5), TODAY.minusDays(4));
    }

    @Test
    void theLimitIsTheLongestGapWithinAnHourPlusMarginNeverUnderTheFloor() {
        // Uses at 07:00 and 21:30 only: the night gap from 21:45 to 07:00 is 9 h 15 min.
        Routine r = Routine.learn(regularDays(14), Set.of(), TODAY, 1.0, FLOOR);

        // Slot 27 ends at 07:00; within an hour of it the longest gap is 9 h 15 min: 555 + 111 + 30 min.
        assertThat(r.limit(27)).isEqualTo(Duration.ofMinutes(555 + 111 + 30));
        // Slot 33 ends 08:30: within an hour (to 09:30) the gap since 07:15 is at most 2 h 15 min: 135 + 27 + 30.
        assertThat(r.limit(33)).isEqualTo(Duration.ofMinutes(192));
        // Slot 36 ends 09:15: 3 h at most within the hour (to 10:15): 180 + 36 + 30 min.
        assertThat(r.limit(36)).isEqualTo(Duration.ofMinutes(180 + 36 + 30));
        // Slot 32 ends 08:15: within the hour (07:15-09:15) at most 2 h: 120 + 24 + 30 = 174 min, under the floor.
        assertThat(r.limit(32)).isEqualTo(FLOOR);
        assertThat(r.usualFirstUse()).isEqualTo(LocalTime.of(7, 15));
        assertThat(r.typicalGapMinutes()[27]).isEqualTo(555);
    }

    @Test
    void sensitivityScalesOnlyTheMargin() {
        Routine tight = Routine.learn(regularDays(14), Set.of(), TODAY, 2.0, FLOOR);
        Routine loose = Routine.learn(regularDays(14), Set.of(), TODAY, 0.5, FLOOR);

        assertThat(tight.limit(27)).isEqualTo(Duration.ofMinutes(555 + (111 + 30 + 1) / 2));
        assertThat(loose.limit(27)).isEqualTo(Duration.ofMinutes(555 + 2 * (111 + 30)));
    }

    @Test
    void theExplanationNamesTheMissedFirstUseOrTheGapAgainstItsLimit() {
        Routine r = Routine.learn(regularDays(14), Set.of(), TODAY, 1.0, FLOOR);
        Instant lastNight = TODAY.minusDays(1).atTime(21, 45).atZone(DaySlots.ZONE).toInstant();
        Instant morning = TODAY.atTime(10, 30).atZone(DaySlots.ZONE).toInstant();
        Instant noon = TODAY.atTime(7, 15).atZone(DaySlots.ZONE).toInstant();

        assertThat(r.explain(lastNight, morning)).isEqualTo("通常7:15前用水，今天至10:30仍无用水");
        assertThat(r.explain(noon, TODAY.atTime(14, 0).atZone(DaySlots.ZONE).toInstant()))
                .startsWith("平时此时段一般不超过").endsWith("现已6小时45分未用水（自7:15起）");
        assertThat(Routine.hours(Duration.ofMinutes(45))).isEqualTo("45分钟");
    }

    private static Map<LocalDate, DaySlots.Masks> regularDays(int n) {
        Map<LocalDate, DaySlots.Masks> days = new TreeMap<>();
        for (int back = n; back >= 1; back--) {
            LocalDate d = TODAY.minusDays(back);
            DaySlots.Masks m = new DaySlots.Masks();
            for (int s = 0; s < DaySlots.SLOTS; s++) {
                m.cover(s, s == 28 || s == 86);
            }
            days.put(d, m);
        }
        return days;
    }

    private static DaySlots.Masks dry() {
        DaySlots.Masks m = new DaySlots.Masks();
        for (int s = 0; s < DaySlots.SLOTS; s++) {
            m.cover(s, false);
        }
        return m;
    }
}
