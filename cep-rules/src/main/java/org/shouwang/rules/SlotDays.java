package org.shouwang.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Routine;

/**
 * One meter's {@link DaySlots} days as ROUTINE_BREAK keeps them: the newest day and the {@link #DAYS} - 1 before it
 * (the learned days and the two a gap in progress reaches back into), as four longs a day in one ring array. A day
 * older than that is dropped as it arrives, as the sorted map this replaces pruned it after each batch (issue 15:
 * that map took ~4.7 KB a meter, ~4.7 GB for a million; this takes 1 KB). {@link #view} shows the days to
 * {@link Routine#learn} as the map it reads.
 */
final class SlotDays {

    /** Days kept: {@link Routine#LEARN_DAYS} + 2 before the newest, and the newest. */
    static final int DAYS = Routine.LEARN_DAYS + 3;
    private static final int WORDS = 4;

    /** The newest day (epoch day), or Long.MIN_VALUE while empty. */
    private long newest = Long.MIN_VALUE;
    /** Day d at (d mod DAYS) * 4: covered slots 0-63, 64-95, wet slots 0-63, 64-95. Allocated at the first day. */
    private long[] bits;

    boolean isEmpty() {
        return newest == Long.MIN_VALUE;
    }

    /** Adds an interval to the days it overlaps, as {@link DaySlots#add}. */
    void add(Instant start, Instant end, double liters) {
        long s = start.toEpochMilli();
        long e = end.toEpochMilli();
        if (e <= s) {
            return;
        }
        boolean wet = DaySlots.isWet(start, end, liters);
        // Slot starts are aligned in UTC too: Asia/Shanghai is UTC+8, a whole number of quarter hours.
        for (long slotStart = Math.floorDiv(s, DaySlots.SLOT_MS) * DaySlots.SLOT_MS; slotStart < e;
             slotStart += DaySlots.SLOT_MS) {
            Instant at = Instant.ofEpochMilli(slotStart);
            int at0 = index(DaySlots.day(at).toEpochDay());
            if (at0 >= 0) {
                int slot = DaySlots.slot(at);
                long bit = 1L << (slot & 63);
                int word = slot >> 6;
                bits[at0 + word] |= bit;
                if (wet) {
                    bits[at0 + 2 + word] |= bit;
                }
            }
        }
    }

    /** ORs a stored day's masks in (an empty day still moves the window, as it was a key of the map). */
    void add(LocalDate day, DaySlots.Masks masks) {
        int at = index(day.toEpochDay());
        if (at < 0) {
            return;
        }
        for (int slot = 0; slot < DaySlots.SLOTS; slot++) {
            long bit = 1L << (slot & 63);
            int word = slot >> 6;
            if (masks.covered(slot)) {
                bits[at + word] |= bit;
            }
            if (masks.wet(slot)) {
                bits[at + 2 + word] |= bit;
            }
        }
    }

    /** The day's masks (a copy), or null when no interval touched it or it is no longer kept. */
    DaySlots.Masks get(LocalDate day) {
        long d = day.toEpochDay();
        if (isEmpty() || d > newest || d <= newest - DAYS) {
            return null;
        }
        int at = position(d);
        if ((bits[at] | bits[at + 1] | bits[at + 2] | bits[at + 3]) == 0) {
            return null;
        }
        return masks(at);
    }

    /**
     * The end of the latest wet slot of the kept days (epoch millis), or Long.MIN_VALUE when none is wet.
     */
    long lastWetEnd() {
        if (isEmpty()) {
            return Long.MIN_VALUE;
        }
        for (long d = newest; d > newest - DAYS; d--) {
            int at = position(d);
            int last = bits[at + 3] != 0 ? 64 + 63 - Long.numberOfLeadingZeros(bits[at + 3])
                    : bits[at + 2] != 0 ? 63 - Long.numberOfLeadingZeros(bits[at + 2]) : -1;
            if (last >= 0) {
                return DaySlots.start(LocalDate.ofEpochDay(d), last).toEpochMilli() + DaySlots.SLOT_MS;
            }
        }
        return Long.MIN_VALUE;
    }

    /** The kept days as the read-only map {@link Routine#learn} reads (lookups build each day's masks anew). */
    Map<LocalDate, DaySlots.Masks> view() {
        return new AbstractMap<>() {
            @Override
            public DaySlots.Masks get(Object key) {
                return key instanceof LocalDate day ? SlotDays.this.get(day) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return get(key) != null;
            }

            @Override
            public Set<Entry<LocalDate, DaySlots.Masks>> entrySet() {
                return toMap().entrySet();
            }
        };
    }

    /** The kept days, oldest first (tests, and the view's iteration). */
    TreeMap<LocalDate, DaySlots.Masks> toMap() {
        TreeMap<LocalDate, DaySlots.Masks> out = new TreeMap<>();
        if (!isEmpty()) {
            for (long d = newest - DAYS + 1; d <= newest; d++) {
                DaySlots.Masks m = get(LocalDate.ofEpochDay(d));
                if (m != null) {
                    out.put(LocalDate.ofEpochDay(d), m);
                }
            }
        }
        return out;
    }

    private DaySlots.Masks masks(int at) {
        return new DaySlots.Masks(new long[] {bits[at], bits[at + 1]}, new long[] {bits[at + 2], bits[at + 3]});
    }

    /** Where day {@code d} is kept, moving the window forward to it if it is newer; -1 if it is too old to keep. */
    private int index(long d) {
        if (bits == null) {
            bits = new long[DAYS * WORDS];
        }
        if (isEmpty()) {
            newest = d;
        } else if (d > newest) {
            // Days that leave the window give their places to the new ones.
            for (long gone = Math.max(newest + 1, d - DAYS + 1); gone <= d; gone++) {
                int at = position(gone);
                for (int w = 0; w < WORDS; w++) {
                    bits[at + w] = 0;
                }
            }
            newest = d;
        } else if (d <= newest - DAYS) {
            return -1;
        }
        return position(d);
    }

    private static int position(long d) {
        return (int) Math.floorMod(d, (long) DAYS) * WORDS;
    }
}
