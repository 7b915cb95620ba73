package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Routine;

class SlotDaysTest {

    private static final Instant BASE = Instant.parse("2026-10-01T00:00:00Z");

    /** The representation SlotDays replaced: a sorted map of masks, pruned to the kept days after each batch. */
    private static void prune(TreeMap<LocalDate, DaySlots.Masks> days) {
        if (!days.isEmpty()) {
            days.headMap(days.lastKey().minusDays(Routine.LEARN_DAYS + 2)).clear();
        }
    }

    @RepeatedTest(20)
    void randomIntervalsInBatchesLeaveTheSameDaysAsThePrunedMap() {
        Random r = new Random(System.nanoTime());
        TreeMap<LocalDate, DaySlots.Masks> reference = new TreeMap<>();
        SlotDays days = new SlotDays();
        long at = 0;
        for (int batch = 0; batch < 300; batch++) {
            for (int n = r.nextInt(6); n > 0; n--) {
                // Mostly forward, some late (days back), some long (an hour or a day), some jumps of weeks.
                long start = r.nextInt(10) == 0 ? at - r.nextInt(40) * 86_400_000L : at;
                long length = switch (r.nextInt(4)) {
                    case 0 -> 30_000L;
                    case 1 -> DaySlots.SLOT_MS;
                    case 2 -> 3_600_000L;
                    default -> r.nextInt(20) * 3_700_000L;
                };
                double liters = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 5;
                Instant s = BASE.plusMillis(start);
                Instant e = s.plusMillis(length);
                DaySlots.add(reference, s, e, liters);
                days.add(s, e, liters);
                at += r.nextInt(20) == 0 ? r.nextInt(50) * 86_400_000L : length + r.nextInt(3) * 60_000L;
            }
            prune(reference);
            assertThat(days.toMap()).isEqualTo(nonEmpty(reference));
            assertThat(days.lastWetEnd()).isEqualTo(lastWetEnd(reference));
        }
    }

    @Test
    void storedDaysAreKeptAsGivenOldestFirstAndTheViewReadsThem() {
        Random r = new Random(7);
        Map<LocalDate, DaySlots.Masks> stored = new TreeMap<>();
        LocalDate first = LocalDate.of(2026, 10, 1);
        for (int d = 0; d < 40; d++) {
            long[] covered = {r.nextLong(), r.nextLong() & 0xFFFFFFFFL};
            long[] wet = {r.nextLong() & covered[0], r.nextLong() & covered[1]};
            stored.put(first.plusDays(d), new DaySlots.Masks(covered, wet));
        }
        SlotDays days = new SlotDays();
        stored.forEach(days::add);
        TreeMap<LocalDate, DaySlots.Masks> expected = new TreeMap<>(stored);
        prune(expected);
        assertThat(days.toMap()).isEqualTo(expected);
        assertThat(days.view().get(first.plusDays(39))).isEqualTo(stored.get(first.plusDays(39)));
        assertThat(days.view().get(first.plusDays(5))).as("older than the kept days").isNull();
        assertThat(days.view().get(first.plusDays(41))).isNull();
        // What the routine learns from the view is what it learned from the map.
        LocalDate today = first.plusDays(40);
        Routine fromView = Routine.learn(days.view(), java.util.Set.of(), today, 1.0, Duration.ofHours(3));
        Routine fromMap = Routine.learn(expected, java.util.Set.of(), today, 1.0, Duration.ofHours(3));
        assertThat(fromView.limitMinutes()).isEqualTo(fromMap.limitMinutes());
        assertThat(fromView.typicalGapMinutes()).isEqualTo(fromMap.typicalGapMinutes());
        assertThat(fromView.learnedDays()).isEqualTo(fromMap.learnedDays());
    }

    private static TreeMap<LocalDate, DaySlots.Masks> nonEmpty(TreeMap<LocalDate, DaySlots.Masks> days) {
        TreeMap<LocalDate, DaySlots.Masks> out = new TreeMap<>(days);
        out.values().removeIf(m -> m.coveredCount() == 0 && m.wetCount() == 0);
        return out;
    }

    private static long lastWetEnd(TreeMap<LocalDate, DaySlots.Masks> days) {
        for (Map.Entry<LocalDate, DaySlots.Masks> e : days.descendingMap().entrySet()) {
            for (int s = DaySlots.SLOTS - 1; s >= 0; s--) {
                if (e.getValue().wet(s)) {
                    return DaySlots.start(e.getKey(), s).toEpochMilli() + DaySlots.SLOT_MS;
                }
            }
        }
        return Long.MIN_VALUE;
    }
}
