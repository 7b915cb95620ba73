package org.shouwang.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shouwang.model.Absence;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Routine;
import org.shouwang.model.RuleThresholds;

/**
 * The elder's learned routine as the console draws it ({@code GET /api/elders/{id}/routine}, issue 12): learned from
 * the meter's stored quarter-hour days exactly as the rules learn it ({@code RoutineWatch}: the last
 * {@link Routine#LEARN_DAYS} days, registered absences left out, the elder's effective sensitivity and floor, extreme
 * weather tighter), with typical and today's use by hour, and the no-use gap in progress as the rule counts it (from
 * the last use, a restart of the watch or the return from an absence, up to where the meter's intervals reach). Pure:
 * {@link RoutineApi} loads the facts.
 */
final class RoutineView {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final int HOURS = 24;

    /**
     * What the answer is built from.
     *
     * @param days      the meter's quarter-hour days from {@link #firstDay} on
     * @param hourly    the meter's litres per hour from {@link #firstDay} until now
     * @param watchFrom the latest restart of the learned watch (null: none)
     */
    record Facts(long elderId, String meterId, Instant now, Map<LocalDate, DaySlots.Masks> days, List<Absence> absences,
                 RuleThresholds thresholds, boolean extremeWeather, List<ConsoleQueries.HourlyUse> hourly,
                 ConsoleQueries.MeterUse use, Instant watchFrom) {
    }

    private RoutineView() {
    }

    /** The first day the answer needs: the learned days and the two before them, which a gap in progress reaches into. */
    static LocalDate firstDay(LocalDate today) {
        return today.minusDays(Routine.LEARN_DAYS + 2);
    }

    /** The sensitivity the rules learn with: the elder's, tighter in extreme weather ({@code RoutineWatch.routine}). */
    static double sensitivity(RuleThresholds t, boolean extremeWeather) {
        return t.routineSensitivity() * (extremeWeather ? Routine.EXTREME_WEATHER_SENSITIVITY : 1.0);
    }

    static JsonObject of(Facts f) {
        LocalDate today = DaySlots.day(f.now());
        Set<LocalDate> excluded = Routine.absentDays(f.absences(), today);
        Routine routine = Routine.learn(f.days(), excluded, today, sensitivity(f.thresholds(), f.extremeWeather()),
                f.thresholds().routineFloor());
        boolean enabled = f.thresholds().routineSensitivity() > 0;
        Map<LocalDate, double[]> byDay = byDayAndHour(f.hourly());
        JsonObject answer = base(f.elderId(), f.meterId(), f.now(), f.thresholds(), f.extremeWeather())
                .put("enabled", enabled)
                .put("armed", routine.armed())
                .put("learnedDays", routine.learnedDays())
                .put("usualFirstUse", routine.usualFirstUse() == null ? null : routine.usualFirstUse().format(HH_MM))
                .put("limits", ints(routine.limitMinutes()))
                .put("typicalGaps", ints(routine.typicalGapMinutes()))
                .put("typicalByHour", litres(typicalByHour(byDay, Routine.learnedDays(f.days(), excluded, today))))
                .put("today", litres(today(byDay, today, f.now())));
        boolean away = f.absences().stream().anyMatch(a -> a.covers(f.now()));
        JsonObject gap = away ? null : gap(f, routine, enabled);
        return answer.put("away", away).put("gap", gap)
                .put("explanation", gap != null && gap.getBoolean("over") ? explanation(routine, gap) : null);
    }

    /** An elder without an active water meter: nothing to learn from. */
    static JsonObject noMeter(long elderId, Instant now, RuleThresholds t, boolean extremeWeather) {
        return base(elderId, null, now, t, extremeWeather).put("enabled", t.routineSensitivity() > 0).put("armed", false)
                .put("learnedDays", 0).put("usualFirstUse", null).put("limits", new JsonArray())
                .put("typicalGaps", new JsonArray()).put("typicalByHour", new JsonArray()).put("today", new JsonArray())
                .put("away", false).put("gap", null).put("explanation", null);
    }

    private static JsonObject base(long elderId, String meterId, Instant now, RuleThresholds t, boolean extremeWeather) {
        return new JsonObject().put("elderId", elderId).put("meterId", meterId).put("now", now.toString())
                .put("day", DaySlots.day(now).toString()).put("daysNeeded", Routine.MIN_DAYS)
                .put("settings", new JsonObject().put("routineSensitivity", t.routineSensitivity())
                        .put("routineFloor", t.routineFloor().toString())
                        .put("routineFloorMinutes", t.routineFloor().toMinutes())
                        .put("extremeWeather", extremeWeather).put("sensitivity", sensitivity(t, extremeWeather)));
    }

    /**
     * The gap in progress up to the end of the meter's data: from the last use, or later where the watch restarted or
     * the elder came back from an absence; null when no use or no data is known. Its limit is that of the slot it
     * reaches, over it as the rule judges it (armed and on).
     */
    private static JsonObject gap(Facts f, Routine routine, boolean enabled) {
        Instant lastUse = f.use().lastWetEnd();
        Instant until = f.use().coveredUntil();
        if (lastUse == null || until == null) {
            return null;
        }
        Instant since = latest(lastUse, f.watchFrom(), lastReturn(f.absences(), until));
        if (since.isAfter(until)) {
            since = until;
        }
        Duration length = Duration.between(since, until);
        Duration limit = routine.limit(DaySlots.slot(until.minusMillis(1)));
        boolean over = enabled && routine.armed() && length.compareTo(limit) > 0;
        return new JsonObject().put("since", since.toString()).put("lastUse", lastUse.toString())
                .put("until", until.toString()).put("minutes", length.toMinutes()).put("limitMinutes", limit.toMinutes())
                .put("over", over);
    }

    /** Why the gap breaks the routine, in the words of the alert ({@link Routine#explain}). */
    private static String explanation(Routine routine, JsonObject gap) {
        return routine.explain(Instant.parse(gap.getString("since")), Instant.parse(gap.getString("until")));
    }

    /** The median litres of each hour of the day over the learned days (an hour without use counts as 0). */
    static double[] typicalByHour(Map<LocalDate, double[]> byDay, List<LocalDate> learned) {
        double[] out = new double[HOURS];
        if (learned.isEmpty()) {
            return out;
        }
        for (int h = 0; h < HOURS; h++) {
            double[] values = new double[learned.size()];
            for (int i = 0; i < values.length; i++) {
                double[] day = byDay.get(learned.get(i));
                values[i] = day == null ? 0 : day[h];
            }
            Arrays.sort(values);
            int n = values.length;
            out[h] = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
        return out;
    }

    /** Today's litres by hour; null for the hours that have not begun. */
    static Double[] today(Map<LocalDate, double[]> byDay, LocalDate today, Instant now) {
        double[] day = byDay.getOrDefault(today, new double[HOURS]);
        int current = now.atZone(DaySlots.ZONE).getHour();
        Double[] out = new Double[HOURS];
        for (int h = 0; h <= current; h++) {
            out[h] = day[h];
        }
        return out;
    }

    static Map<LocalDate, double[]> byDayAndHour(List<ConsoleQueries.HourlyUse> hourly) {
        Map<LocalDate, double[]> out = new HashMap<>();
        for (ConsoleQueries.HourlyUse u : hourly) {
            LocalDateTime local = LocalDateTime.ofInstant(u.hour(), DaySlots.ZONE);
            out.computeIfAbsent(local.toLocalDate(), d -> new double[HOURS])[local.getHour()] += u.liters();
        }
        return out;
    }

    private static Instant lastReturn(List<Absence> absences, Instant at) {
        Instant latest = null;
        for (Absence a : absences) {
            if (!a.to().isAfter(at) && (latest == null || a.to().isAfter(latest))) {
                latest = a.to();
            }
        }
        return latest;
    }

    private static Instant latest(Instant first, Instant... others) {
        Instant out = first;
        for (Instant o : others) {
            if (o != null && o.isAfter(out)) {
                out = o;
            }
        }
        return out;
    }

    private static JsonArray ints(int[] values) {
        JsonArray out = new JsonArray();
        Arrays.stream(values).forEach(out::add);
        return out;
    }

    private static JsonArray litres(double[] values) {
        JsonArray out = new JsonArray();
        Arrays.stream(values).forEach(v -> out.add(Math.round(v * 10) / 10.0));
        return out;
    }

    private static JsonArray litres(Double[] values) {
        JsonArray out = new JsonArray();
        Arrays.stream(values).forEach(v -> out.add(v == null ? null : Math.round(v * 10) / 10.0));
        return out;
    }
}
