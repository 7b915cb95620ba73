package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Absence;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Routine;
import org.shouwang.model.RuleThresholds;

/** The routine answer built from given facts, without a database: the same days, gap and words as the rules. */
class RoutineViewTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    private static final Instant NOW = at(TODAY, 10, 10);

    @Test
    void theDaysItNamesAreTheDaysRoutineLearnsFrom() {
        Map<LocalDate, DaySlots.Masks> days = regular(14);
        days.put(TODAY.minusDays(3), DaySlots.Masks.ofBits("1".repeat(96), "0".repeat(96)));      // no use
        days.put(TODAY.minusDays(5), DaySlots.Masks.ofBits("1".repeat(80), wet()));               // covered too little
        days.remove(TODAY.minusDays(7));                                                          // nothing known
        Set<LocalDate> excluded = Routine.absentDays(List.of(absence(at(TODAY.minusDays(10), 9, 0),
                at(TODAY.minusDays(9), 18, 0))), TODAY);

        List<LocalDate> learned = Routine.learnedDays(days, excluded, TODAY);

        assertThat(excluded).containsExactlyInAnyOrder(TODAY.minusDays(10), TODAY.minusDays(9));
        assertThat(learned).hasSize(Routine.learn(days, excluded, TODAY, 1.0, Duration.ofHours(3)).learnedDays())
                .hasSize(14 - 5).doesNotContain(TODAY.minusDays(3), TODAY.minusDays(5), TODAY.minusDays(7),
                        TODAY.minusDays(9), TODAY.minusDays(10));
    }

    @Test
    void theGapCountsFromTheLatestOfLastUseWatchRestartAndReturnHomeUpToWhereTheDataReaches() {
        Instant lastUse = at(TODAY, 7, 15);
        Instant dataUntil = at(TODAY, 10, 0);

        JsonObject plain = RoutineView.of(facts(lastUse, dataUntil, null, List.of()));
        assertThat(plain.getJsonObject("gap").getLong("minutes")).isEqualTo(165);
        assertThat(plain.getJsonObject("gap").getString("until")).isEqualTo(dataUntil.toString());

        JsonObject restarted = RoutineView.of(facts(lastUse, dataUntil, at(TODAY, 9, 0), List.of()));
        assertThat(restarted.getJsonObject("gap").getLong("minutes")).isEqualTo(60);
        assertThat(restarted.getJsonObject("gap").getString("lastUse")).isEqualTo(lastUse.toString());

        JsonObject back = RoutineView.of(facts(lastUse, dataUntil, null,
                List.of(absence(at(TODAY, 7, 30), at(TODAY, 9, 30)))));
        assertThat(back.getJsonObject("gap").getLong("minutes")).as("from the return home").isEqualTo(30);

        JsonObject away = RoutineView.of(facts(lastUse, dataUntil, null, List.of(absence(at(TODAY, 8, 0), at(TODAY, 20, 0)))));
        assertThat(away.getBoolean("away")).isTrue();
        assertThat(away.getValue("gap")).isNull();

        JsonObject unknown = RoutineView.of(facts(null, dataUntil, null, List.of()));
        assertThat(unknown.getValue("gap")).isNull();
    }

    @Test
    void overOnlyWhenArmedAndOnWithTheAlertsWords() {
        Instant lastNight = at(TODAY.minusDays(1), 22, 15);
        JsonObject over = RoutineView.of(facts(lastNight, at(TODAY, 10, 0), null, List.of()));
        assertThat(over.getJsonObject("gap").getBoolean("over")).isTrue();
        assertThat(over.getString("explanation")).isEqualTo("通常7:15前用水，今天至10:00仍无用水");

        JsonObject off = RoutineView.of(new RoutineView.Facts(1, "wm", NOW, regular(14), List.of(),
                RuleThresholds.DEFAULTS.withRoutineSensitivity(0), false, List.of(),
                new ConsoleQueries.MeterUse(lastNight, at(TODAY, 10, 0)), null));
        assertThat(off.getBoolean("enabled")).isFalse();
        assertThat(off.getJsonObject("gap").getBoolean("over")).isFalse();
        assertThat(off.getValue("explanation")).isNull();
    }

    @Test
    void typicalUseIsTheMedianOverTheLearnedDaysAndTodayEndsAtTheHourUnderWay() {
        List<LocalDate> learned = List.of(TODAY.minusDays(2), TODAY.minusDays(1));
        Map<LocalDate, double[]> byDay = RoutineView.byDayAndHour(List.of(
                new ConsoleQueries.HourlyUse(at(TODAY.minusDays(2), 7, 0), 4.0),
                new ConsoleQueries.HourlyUse(at(TODAY.minusDays(1), 7, 0), 6.0),
                new ConsoleQueries.HourlyUse(at(TODAY.minusDays(1), 12, 0), 3.0),
                new ConsoleQueries.HourlyUse(at(TODAY, 8, 0), 2.5)));

        double[] typical = RoutineView.typicalByHour(byDay, learned);
        Double[] today = RoutineView.today(byDay, TODAY, NOW);

        assertThat(typical[7]).isEqualTo(5.0);
        assertThat(typical[12]).as("one day of two: the median of 0 and 3").isEqualTo(1.5);
        assertThat(today[8]).isEqualTo(2.5);
        assertThat(today[10]).isZero();
        assertThat(today[11]).isNull();
    }

    private static RoutineView.Facts facts(Instant lastUse, Instant until, Instant watchFrom, List<Absence> absences) {
        return new RoutineView.Facts(1, "wm", NOW, regular(14), absences, RuleThresholds.DEFAULTS, false, List.of(),
                new ConsoleQueries.MeterUse(lastUse, until), watchFrom);
    }

    /** Days of use at 07:00, 12:00, 18:00 and 22:00, wholly covered. */
    private static Map<LocalDate, DaySlots.Masks> regular(int days) {
        Map<LocalDate, DaySlots.Masks> out = new TreeMap<>();
        for (int back = days; back >= 1; back--) {
            out.put(TODAY.minusDays(back), DaySlots.Masks.ofBits("1".repeat(96), wet()));
        }
        return out;
    }

    private static String wet() {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < 96; s++) {
            b.append(s == 28 || s == 48 || s == 72 || s == 88 ? '1' : '0');
        }
        return b.toString();
    }

    private static Absence absence(Instant from, Instant to) {
        return new Absence(1, 1, from, to, "探亲", from, "t");
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(DaySlots.ZONE).toInstant();
    }
}
