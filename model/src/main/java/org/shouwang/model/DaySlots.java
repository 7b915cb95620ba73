package org.shouwang.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * A meter's day as 96 quarter-hour slots of Asia/Shanghai time, two bit masks per day: which slots its interval
 * data covered and in which it used water. The learned routine ({@link Routine}) is learned from these, the rule
 * engine keeps them live and {@code rules_meter_day} stores them (V18), so a restart rebuilds the routine from a
 * few bytes per meter-day rather than from every interval. A slot belongs to the day its start falls on.
 *
 * <p>An interval covers every slot it overlaps, and is wet in all of them when it used at least {@link #WET_LITERS}
 * (a flush or a hand-wash, not a drip), or, when shorter than a slot, as much pro rata (a 30 s interval at
 * 0.033 L: 4 L an hour). Coarser meters thus mark coarser slots (an hourly interval marks four), which is what
 * "coarser meters learn coarser" means here.
 */
public final class DaySlots {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int SLOTS = 96;
    public static final int SLOT_MINUTES = 15;
    public static final long SLOT_MS = SLOT_MINUTES * 60_000L;
    /** The least an interval must use to count as water use by the elder. */
    public static final double WET_LITERS = 1.0;

    private DaySlots() {
    }

    /** One day's two masks, bit i for slot i (0 = 00:00-00:15). Mutable while a day fills. */
    public static final class Masks {
        private final long[] covered = new long[2];
        private final long[] wet = new long[2];

        public Masks() {
        }

        public Masks(long[] covered, long[] wet) {
            System.arraycopy(covered, 0, this.covered, 0, 2);
            System.arraycopy(wet, 0, this.wet, 0, 2);
        }

        public boolean covered(int slot) {
            return bit(covered, slot);
        }

        public boolean wet(int slot) {
            return bit(wet, slot);
        }

        public int coveredCount() {
            return Long.bitCount(covered[0]) + Long.bitCount(covered[1]);
        }

        public int wetCount() {
            return Long.bitCount(wet[0]) + Long.bitCount(wet[1]);
        }

        public void cover(int slot, boolean isWet) {
            set(covered, slot);
            if (isWet) {
                set(wet, slot);
            }
        }

        /** Both masks as '0'/'1' text, slot 0 first, as PostgreSQL's {@code bit(96)} reads and writes them. */
        public String coveredBits() {
            return bits(covered);
        }

        public String wetBits() {
            return bits(wet);
        }

        public static Masks ofBits(String coveredBits, String wetBits) {
            Masks m = new Masks();
            for (int i = 0; i < SLOTS; i++) {
                if (coveredBits != null && i < coveredBits.length() && coveredBits.charAt(i) == '1') {
                    set(m.covered, i);
                }
                if (wetBits != null && i < wetBits.length() && wetBits.charAt(i) == '1') {
                    set(m.wet, i);
                }
            }
            return m;
        }

        public void addAll(Masks other) {
            for (int i = 0; i < 2; i++) {
                covered[i] |= other.covered[i];
                wet[i] |= other.wet[i];
            }
        }

        private static boolean bit(long[] mask, int slot) {
            return (mask[slot >> 6] & (1L << (slot & 63))) != 0;
        }

        private static void set(long[] mask, int slot) {
            mask[slot >> 6] |= 1L << (slot & 63);
        }

        private static String bits(long[] mask) {
            StringBuilder b = new StringBuilder(SLOTS);
            for (int i = 0; i < SLOTS; i++) {
                b.append(bit(mask, i) ? '1' : '0');
            }
            return b.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Masks m && java.util.Arrays.equals(covered, m.covered)
                    && java.util.Arrays.equals(wet, m.wet);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(covered) * 31 + java.util.Arrays.hashCode(wet);
        }

        @Override
        public String toString() {
            return "Masks[covered=" + coveredBits() + ", wet=" + wetBits() + "]";
        }
    }

    /** Adds one interval to the days it overlaps ({@code into} by day, created as needed). */
    public static void add(Map<LocalDate, Masks> into, Instant start, Instant end, double liters) {
        long s = start.toEpochMilli();
        long e = end.toEpochMilli();
        if (e <= s) {
            return;
        }
        boolean isWet = isWet(start, end, liters);
        // Slot starts are aligned in UTC too: Asia/Shanghai is UTC+8, a whole number of quarter hours.
        for (long slotStart = Math.floorDiv(s, SLOT_MS) * SLOT_MS; slotStart < e; slotStart += SLOT_MS) {
            Instant at = Instant.ofEpochMilli(slotStart);
            into.computeIfAbsent(day(at), d -> new Masks()).cover(slot(at), isWet);
        }
    }

    /** True when an interval used water as the routine counts it: {@link #WET_LITERS}, pro rata below a slot. */
    public static boolean isWet(Instant start, Instant end, double liters) {
        long ms = end.toEpochMilli() - start.toEpochMilli();
        return ms > 0 && liters >= WET_LITERS * Math.min(1.0, (double) ms / SLOT_MS);
    }

    /** The masks of one interval, by day. */
    public static Map<LocalDate, Masks> of(Instant start, Instant end, double liters) {
        Map<LocalDate, Masks> out = new TreeMap<>();
        add(out, start, end, liters);
        return out;
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }

    /** The slot {@code at} falls in, 0-95. */
    public static int slot(Instant at) {
        LocalTime t = at.atZone(ZONE).toLocalTime();
        return (t.getHour() * 60 + t.getMinute()) / SLOT_MINUTES;
    }

    /** The start of slot {@code slot} of {@code day}. */
    public static Instant start(LocalDate day, int slot) {
        return day.atStartOfDay(ZONE).plusMinutes((long) slot * SLOT_MINUTES).toInstant();
    }
}
