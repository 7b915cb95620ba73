package org.shouwang.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One home's learned routine (issue 12, rule ROUTINE_BREAK): from its last {@link #LEARN_DAYS} days of
 * {@link DaySlots} masks, how long this home goes without water at each quarter hour of the day, and when its
 * first use after the night usually comes. The limit of a slot is a high quantile ({@link #QUANTILE}) of the
 * no-use gap in progress at that slot's end over the learned days plus a margin ({@link #FACTOR} - 1 of it and
 * {@link #PAD}) divided by the sensitivity, never below the floor. So the home's own night is learned like any
 * other time: a long gap at 03:00 is normal where it always is, and a morning without the usual first use is not.
 *
 * The quantile is taken over each day's longest gap within an hour either side of the slot ({@link #SHIFT_SLOTS}),
 * which makes the limit tolerate an hour's shift of the routine.
 *
 * <p>A day is learned from when its interval data covers at least {@link #MIN_COVERED_SLOTS} slots, it holds some
 * use (a day without any is an absence or trouble, not a routine) and it is not an excluded day (a registered
 * absence). The routine is armed once {@link #MIN_DAYS} days were learned. Pure and deterministic: the rule engine
 * judges with it and the console draws it from the same stored masks.
 */
public final class Routine {

    public static final int LEARN_DAYS = 28;
    public static final int MIN_DAYS = 10;
    public static final int MIN_COVERED_SLOTS = 88;
    public static final double QUANTILE = 0.9;
    public static final double FACTOR = 1.2;
    public static final Duration PAD = Duration.ofMinutes(30);
    /**
     * A day's routine shifts: the gap a slot's limit is learned from is the longest the day showed within this many
     * slots either side (an hour), so a morning a little later than any learned one is no alarm, while one an hour
     * past the latest usual first use is.
     */
    public static final int SHIFT_SLOTS = 4;
    /** Extreme-weather mode judges tighter: the sensitivity is multiplied by this. */
    public static final double EXTREME_WEATHER_SENSITIVITY = 1.5;
    /** The first use "after the night" is the first at or after 04:00. */
    public static final int MORNING_SLOT = 16;
    /** A gap in progress is followed from at most this many days back. */
    private static final int GAP_LOOKBACK_DAYS = 2;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("H:mm");

    private final int learnedDays;
    private final int[] limitMinutes;
    private final int[] typicalGapMinutes;
    private final LocalTime usualFirstUse;

    private Routine(int learnedDays, int[] limitMinutes, int[] typicalGapMinutes, LocalTime usualFirstUse) {
        this.learnedDays = learnedDays;
        this.limitMinutes = limitMinutes;
        this.typicalGapMinutes = typicalGapMinutes;
        this.usualFirstUse = usualFirstUse;
    }

    /**
     * Learns from the days before {@code today} (at most {@link #LEARN_DAYS} of them).
     *
     * @param days        masks by day; missing days are unknown
     * @param excluded    days not to learn from (registered absences)
     * @param sensitivity 1 as learned, above 1 tighter (0 is "off" and is the caller's to honour)
     * @param floor       no limit is shorter than this
     */
    public static Routine learn(Map<LocalDate, DaySlots.Masks> days, Set<LocalDate> excluded, LocalDate today,
                                double sensitivity, Duration floor) {
        List<LocalDate> learned = learnedDays(days, excluded, today);
        int[] limits = new int[DaySlots.SLOTS];
        int[] typical = new int[DaySlots.SLOTS];
        double divisor = sensitivity > 0 ? sensitivity : 1.0;
        int floorMinutes = (int) floor.toMinutes();
        int[][] gapsByDay = new int[learned.size()][];
        for (int i = 0; i < gapsByDay.length; i++) {
            gapsByDay[i] = gaps(days, learned.get(i));
        }
        // Primitive arrays, not boxed lists: a restart learns every meter's routine at once (issue 15).
        int[] gaps = new int[gapsByDay.length];
        int[] around = new int[gapsByDay.length];
        for (int slot = 0; slot < DaySlots.SLOTS; slot++) {
            int known = 0;
            int wide = 0;
            for (int[] dayGaps : gapsByDay) {
                if (dayGaps[slot] >= 0) {
                    gaps[known++] = dayGaps[slot];
                }
                int widest = widest(dayGaps, slot);
                if (widest >= 0) {
                    around[wide++] = widest;
                }
            }
            int high = quantile(around, wide, QUANTILE);
            typical[slot] = quantile(gaps, known, 0.5);
            // The sensitivity scales the margin only: no setting makes the limit shorter than what the home showed.
            int stretched = high + (int) Math.ceil((high * (FACTOR - 1) + PAD.toMinutes()) / divisor);
            limits[slot] = Math.max(floorMinutes, stretched);
        }
        List<Integer> firsts = new ArrayList<>();
        for (LocalDate d : learned) {
            DaySlots.Masks m = days.get(d);
            for (int slot = MORNING_SLOT; slot < DaySlots.SLOTS; slot++) {
                if (m.wet(slot)) {
                    firsts.add(slot);
                    break;
                }
            }
        }
        LocalTime first = firsts.isEmpty() ? null
                : LocalTime.MIDNIGHT.plusMinutes((long) (quantile(firsts, QUANTILE) + 1) * DaySlots.SLOT_MINUTES);
        return new Routine(learned.size(), limits, typical, first);
    }

    /**
     * The days {@link #learn} learns from, oldest first: of the {@link #LEARN_DAYS} before {@code today}, those its
     * interval data covered enough ({@link #MIN_COVERED_SLOTS}), with some use, and not excluded.
     */
    public static List<LocalDate> learnedDays(Map<LocalDate, DaySlots.Masks> days, Set<LocalDate> excluded,
                                              LocalDate today) {
        List<LocalDate> learned = new ArrayList<>();
        for (int back = LEARN_DAYS; back >= 1; back--) {
            LocalDate d = today.minusDays(back);
            DaySlots.Masks m = days.get(d);
            if (m != null && !excluded.contains(d) && m.coveredCount() >= MIN_COVERED_SLOTS && m.wetCount() > 0) {
                learned.add(d);
            }
        }
        return learned;
    }

    /**
     * The days before {@code today} (within {@link #LEARN_DAYS}) that a registered absence touches: not learned from.
     * An absence ending at midnight does not touch the day that begins then.
     */
    public static Set<LocalDate> absentDays(List<Absence> absences, LocalDate today) {
        Set<LocalDate> out = new java.util.HashSet<>();
        LocalDate earliest = today.minusDays(LEARN_DAYS);
        for (Absence a : absences) {
            if (!a.to().isAfter(a.from())) {
                continue;
            }
            LocalDate last = DaySlots.day(a.to().minusMillis(1));
            for (LocalDate d = DaySlots.day(a.from()); !d.isAfter(last) && d.isBefore(today); d = d.plusDays(1)) {
                if (!d.isBefore(earliest)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /**
     * For each slot of {@code day}: minutes from the end of the last wet slot at or before it to the slot's end,
     * counted from {@link #GAP_LOOKBACK_DAYS} days before; -1 where it cannot be known (a missing day or an
     * uncovered slot since the last use, or no use within the lookback).
     */
    static int[] gaps(Map<LocalDate, DaySlots.Masks> days, LocalDate day) {
        int[] out = new int[DaySlots.SLOTS];
        int gap = -1;
        for (int back = GAP_LOOKBACK_DAYS; back >= 0; back--) {
            DaySlots.Masks m = days.get(day.minusDays(back));
            for (int s = 0; s < DaySlots.SLOTS; s++) {
                if (m == null || !m.covered(s)) {
                    gap = -1;
                } else if (m.wet(s)) {
                    gap = 0;
                } else if (gap >= 0) {
                    gap += DaySlots.SLOT_MINUTES;
                }
                if (back == 0) {
                    out[s] = gap;
                }
            }
        }
        return out;
    }

    /** The longest known gap of the day within {@link #SHIFT_SLOTS} of {@code slot}; -1 when none is known. */
    private static int widest(int[] dayGaps, int slot) {
        int widest = -1;
        for (int s = Math.max(0, slot - SHIFT_SLOTS); s <= Math.min(DaySlots.SLOTS - 1, slot + SHIFT_SLOTS); s++) {
            widest = Math.max(widest, dayGaps[s]);
        }
        return widest;
    }

    /** The value at rank ceil(q * n) of the sorted values (n = 1: that value); 0 for none. */
    static int quantile(List<Integer> values, double q) {
        return quantile(values.stream().mapToInt(Integer::intValue).toArray(), values.size(), q);
    }

    /** As {@link #quantile(List, double)} over the first {@code n} values (sorted in place). */
    private static int quantile(int[] values, int n, double q) {
        if (n == 0) {
            return 0;
        }
        Arrays.sort(values, 0, n);
        int rank = (int) Math.ceil(q * n);
        return values[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    /** True once enough days were learned for the routine to judge. */
    public boolean armed() {
        return learnedDays >= MIN_DAYS;
    }

    public int learnedDays() {
        return learnedDays;
    }

    /** How long a gap may last at the end of {@code slot} before it breaks the routine. */
    public Duration limit(int slot) {
        return Duration.ofMinutes(limitMinutes[slot]);
    }

    /** The limit of every slot, in minutes, slot 0 first (the console's chart). */
    public int[] limitMinutes() {
        return Arrays.copyOf(limitMinutes, limitMinutes.length);
    }

    /** The median gap in progress at the end of every slot, in minutes (the console's chart). */
    public int[] typicalGapMinutes() {
        return Arrays.copyOf(typicalGapMinutes, typicalGapMinutes.length);
    }

    /** By when the first use after the night comes on most days (null: none learned). */
    public LocalTime usualFirstUse() {
        return usualFirstUse;
    }

    /**
     * Why a gap from {@code since} to {@code at} breaks the routine, in Chinese: the missed first use of the day
     * ("通常7:45前用水，今天至10:30仍无用水") when the gap began before it, else the gap against its limit.
     */
    public String explain(Instant since, Instant at) {
        LocalDate today = DaySlots.day(at);
        LocalTime now = at.atZone(DaySlots.ZONE).toLocalTime();
        if (usualFirstUse != null) {
            Instant usual = today.atTime(usualFirstUse).atZone(DaySlots.ZONE).toInstant();
            if (since.isBefore(usual) && !at.isBefore(usual)) {
                return "通常" + usualFirstUse.format(HH_MM) + "前用水，今天至" + now.format(HH_MM) + "仍无用水";
            }
        }
        Duration limit = limit(DaySlots.slot(at.minusMillis(1)));
        return "平时此时段一般不超过" + hours(limit) + "不用水，现已" + hours(Duration.between(since, at))
                + "未用水（自" + since.atZone(DaySlots.ZONE).toLocalTime().format(HH_MM) + "起）";
    }

    /** "3小时20分", "45分", "5小时". */
    public static String hours(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return m + "分钟";
        }
        return h + "小时" + (m == 0 ? "" : m + "分");
    }
}
