package org.shouwang.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.shouwang.model.Absence;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Routine;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.WaterInterval;

/**
 * ROUTINE_BREAK's state and judgement, per meter (issue 12): the last {@link Routine#LEARN_DAYS} days of
 * {@link DaySlots} masks, the end of the last use, where the watch restarted, and how far the meter's data has
 * been judged. Judged only when interval data arrives and only over the time it covers, at every quarter-hour
 * boundary it crosses: a silent meter is never judged (that is DEVICE_SILENT's, technical), and a meter that
 * uploads once a day is judged at its upload, with the verdict saying so. Plain Java beside the Esper modules:
 * the verdict enters them as a {@code RoutineVerdict} and becomes an episode like every other rule's.
 */
final class RoutineWatch {

    /** An upload that covers more than this at once is judged "at upload" (the text says when the gap was found). */
    static final Duration UPLOAD_BATCH = Duration.ofHours(2);

    /** A judgement: the routine is broken since {@code since} (alert id from it), or use resumed. */
    record Verdict(boolean broken, long since, String detail) {
    }

    private static final class Meter {
        final SlotDays days = new SlotDays();
        long lastWetEnd = Long.MIN_VALUE;
        long watchFrom = Long.MIN_VALUE;
        long judgedUntil = Long.MIN_VALUE;
        long raisedSince = Long.MIN_VALUE;
        Routine routine;
        // What the routine was learned for (a record or string key per meter cost ~100 bytes more each).
        long learnedDay;
        double learnedSensitivity;
        Duration learnedFloor;
        int learnedAbsences;
    }

    private final Map<String, Meter> meters = new HashMap<>();

    /**
     * Adds a reading's intervals to the meter's days. Returns a "use resumed" verdict when one of them used water
     * after the gap a verdict had found broken (the episode clears), else empty.
     */
    Optional<Verdict> intervals(String deviceId, List<WaterInterval> intervals) {
        Meter m = meters.computeIfAbsent(deviceId, id -> new Meter());
        boolean resumed = false;
        for (WaterInterval i : intervals) {
            m.days.add(i.start(), i.end(), i.liters());
            if (DaySlots.isWet(i.start(), i.end(), i.liters())) {
                long end = i.end().toEpochMilli();
                if (m.raisedSince != Long.MIN_VALUE && end > m.raisedSince) {
                    resumed = true;
                }
                m.lastWetEnd = Math.max(m.lastWetEnd, end);
            }
        }
        if (resumed) {
            m.raisedSince = Long.MIN_VALUE;
            return Optional.of(new Verdict(false, m.lastWetEnd, "已恢复用水"));
        }
        return Optional.empty();
    }

    /** A restart reopened the meter's episode from the journal: the gap it names began at {@code since}. */
    void reopened(String deviceId, long since) {
        meters.computeIfAbsent(deviceId, id -> new Meter()).raisedSince = since;
    }

    /** A restart found the meter's episode closed in the journal. */
    void closed(String deviceId) {
        Meter m = meters.get(deviceId);
        if (m != null) {
            m.raisedSince = Long.MIN_VALUE;
        }
    }

    /** The watch counts from {@code at}: a resolved incident ("elder safe") or data resuming after a gap. */
    void restartFrom(String deviceId, long at) {
        Meter m = meters.computeIfAbsent(deviceId, id -> new Meter());
        m.watchFrom = Math.max(m.watchFrom, at);
        m.raisedSince = Long.MIN_VALUE;
    }

    /**
     * A restart: the meter's stored days and recent intervals (its last use). Nothing is cleared here: an episode the
     * journal reopens stays open until use after its gap's start arrives. The caller then judges the restored data
     * ({@link #judge} with {@code live} false): a break that arose while the rules were down, or in readings the
     * recovery's snapshot counted, is raised at the restart (recovery publishes it only if the journal lacks it).
     */
    void restore(String deviceId, Map<LocalDate, DaySlots.Masks> days, List<WaterInterval> used, long coveredUntil) {
        Meter m = meters.computeIfAbsent(deviceId, id -> new Meter());
        // Oldest first: a day too old to keep once the newest is in is dropped on arrival, as pruning dropped it.
        new TreeMap<>(days).forEach(m.days::add);
        for (WaterInterval i : used) {
            m.days.add(i.start(), i.end(), i.liters());
            if (DaySlots.isWet(i.start(), i.end(), i.liters())) {
                m.lastWetEnd = Math.max(m.lastWetEnd, i.end().toEpochMilli());
            }
        }
        m.lastWetEnd = Math.max(m.lastWetEnd, m.days.lastWetEnd());
    }

    /**
     * Judges the meter's data from where it was judged up to {@code coveredUntil} (now covered by intervals).
     * Empty when the routine holds, is not armed, is off ({@code routineSensitivity} 0) or the elder is away.
     *
     * @param absences the elder's registered absences (no judgement during one; the gap counts from its end)
     * @param nowMs    the rule clock: when the verdict is made (an upload's arrival)
     * @param live     false when judging data a restart restored (never worded "at upload")
     */
    Optional<Verdict> judge(String deviceId, long coveredUntil, RuleThresholds t, boolean extremeWeather,
                            List<Absence> absences, long nowMs, boolean live) {
        Meter m = meters.get(deviceId);
        if (m == null || coveredUntil == Long.MIN_VALUE || m.lastWetEnd == Long.MIN_VALUE) {
            return Optional.empty();
        }
        long from = m.judgedUntil;
        m.judgedUntil = Math.max(m.judgedUntil, coveredUntil);
        if (t.routineSensitivity() <= 0 || m.raisedSince != Long.MIN_VALUE) {
            return Optional.empty();
        }
        long gapStart = Math.max(m.lastWetEnd, m.watchFrom);
        long first = Math.max(from == Long.MIN_VALUE ? gapStart : from, gapStart);
        // Every quarter-hour boundary the new data crosses; the limit at a boundary is that of the slot ending there.
        for (long at = (Math.floorDiv(first, DaySlots.SLOT_MS) + 1) * DaySlots.SLOT_MS; at <= coveredUntil;
             at += DaySlots.SLOT_MS) {
            Instant instant = Instant.ofEpochMilli(at);
            if (away(absences, instant)) {
                continue;
            }
            long since = Math.max(gapStart, lastReturn(absences, instant));
            Routine routine = routine(m, DaySlots.day(instant), t, extremeWeather, absences);
            if (!routine.armed()) {
                continue;
            }
            Duration limit = routine.limit(DaySlots.slot(instant.minusMillis(1)));
            if (at - since > limit.toMillis()) {
                m.raisedSince = since;
                String why = routine.explain(Instant.ofEpochMilli(since), instant);
                boolean upload = live && coveredUntil - Math.max(from, since) > UPLOAD_BATCH.toMillis()
                        && nowMs - at > DaySlots.SLOT_MS * 2;
                return Optional.of(new Verdict(true, since, upload ? AlertTexts.atUpload(nowMs, why) : why));
            }
        }
        return Optional.empty();
    }

    /** The routine of the meter as of {@code day}, learned again when the day or the settings changed. */
    Routine routine(String deviceId, LocalDate day, RuleThresholds t, boolean extremeWeather, List<Absence> absences) {
        return routine(meters.computeIfAbsent(deviceId, id -> new Meter()), day, t, extremeWeather, absences);
    }

    private static Routine routine(Meter m, LocalDate day, RuleThresholds t, boolean extremeWeather,
                                   List<Absence> absences) {
        double sensitivity = t.routineSensitivity() * (extremeWeather ? Routine.EXTREME_WEATHER_SENSITIVITY : 1.0);
        int absent = absences.hashCode();
        if (m.routine == null || m.learnedDay != day.toEpochDay() || Double.compare(m.learnedSensitivity, sensitivity) != 0
                || !t.routineFloor().equals(m.learnedFloor) || m.learnedAbsences != absent) {
            m.routine = Routine.learn(m.days.view(), Routine.absentDays(absences, day), day, sensitivity,
                    t.routineFloor());
            m.learnedDay = day.toEpochDay();
            m.learnedSensitivity = sensitivity;
            m.learnedFloor = t.routineFloor();
            m.learnedAbsences = absent;
        }
        return m.routine;
    }

    private static boolean away(List<Absence> absences, Instant at) {
        return absences.stream().anyMatch(a -> a.covers(at));
    }

    private static long lastReturn(List<Absence> absences, Instant at) {
        long latest = Long.MIN_VALUE;
        for (Absence a : absences) {
            if (!a.to().isAfter(at)) {
                latest = Math.max(latest, a.to().toEpochMilli());
            }
        }
        return latest;
    }
}
