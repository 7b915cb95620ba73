package org.shouwang.sim.routine;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.shouwang.sim.SimulatedMessage;

/**
 * One simulated home over a fleet's period: who lives there and how (habits, days), the water drawn, the
 * stretches away or with visitors, the meter's silences, the fall if there is one, and the messages its meter sends.
 * The truth a benchmark scores the rules against: whether the elder is fine, away or asleep at a moment, and when
 * water last ran.
 *
 * @param elderId      the elder's registry id
 * @param meterId      the meter's device id
 * @param street       the street the home is on
 * @param fall         null when the elder does not fall
 * @param uploadOffset when in its upload period the meter wakes (a once-a-day meter: its time of day)
 */
public record HomeMonth(long elderId, String meterId, String street, MeterKind kind, Habits habits,
                        List<Day> days, List<WaterUse> uses, List<Spell> spells, List<Silence> silences, Fall fall,
                        Duration uploadOffset, double registerStart, int batteryStart) {

    /** A dying battery runs down from its usual charge to 3 % over the last 20 days before it dies. */
    private static final long RUN_DOWN_HOURS = 20 * 24;

    public HomeMonth {
        days = List.copyOf(days);
        uses = List.copyOf(uses);
        spells = List.copyOf(spells);
        silences = List.copyOf(silences);
    }

    /** Everything the meter sends from {@code from} (its first upload after it) to {@code to}, in arrival order. */
    public Iterator<SimulatedMessage> messages(Instant from, Instant to) {
        return new MeterUploads(this, from, to);
    }

    public Optional<Fall> fallen() {
        return Optional.ofNullable(fall);
    }

    /** True once the elder has fallen. */
    public boolean fallenAt(Instant t) {
        return fall != null && !t.isBefore(fall.at());
    }

    /** The stretch the elder is out of the home for at {@code t}, if any. */
    public Optional<Spell> awayAt(Instant t) {
        return spells.stream().filter(s -> s.elderAway() && s.covers(t)).findFirst();
    }

    /** True while the elder sleeps the night. */
    public boolean asleepAt(Instant t) {
        return days.stream().anyMatch(d -> d.asleepAt(t));
    }

    /** The meter's silence at {@code t}, or null. */
    public Silence silenceAt(Instant t) {
        for (Silence s : silences) {
            if (s.covers(t)) {
                return s;
            }
        }
        return null;
    }

    /** When water last ran before {@code t} (the end of the last use, or {@code t} while one runs); empty: never. */
    public Optional<Instant> lastUseBefore(Instant t) {
        int lo = 0;
        int hi = uses.size() - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uses.get(mid).start().isBefore(t)) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        Instant latest = null;
        // Uses are sorted by start; a long one (a running tap) may end after later short ones.
        for (int i = last; i >= 0 && i > last - 50; i--) {
            Instant end = uses.get(i).end().isAfter(t) ? t : uses.get(i).end();
            if (latest == null || end.isAfter(latest)) {
                latest = end;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The battery the meter reports at {@code t}: a dead battery runs down over the days before its silence. */
    public Integer batteryAt(Instant t) {
        for (Silence s : silences) {
            if (!t.isBefore(s.to())) {
                continue;
            }
            long hoursLeft = Math.max(0, Duration.between(t, s.from()).toHours());
            if (hoursLeft <= RUN_DOWN_HOURS) {
                return (int) Math.round(3 + (batteryStart - 3) * hoursLeft / (double) RUN_DOWN_HOURS);
            }
        }
        boolean replaced = silences.stream().anyMatch(s -> !t.isBefore(s.to()));
        return replaced ? 100 : batteryStart;
    }

    /** The first time the meter wakes at or after {@code from}. */
    Instant firstWake(Instant from) {
        long period = kind.uploadEvery().toMillis();
        long start = Math.floorDiv(from.toEpochMilli() + 8 * 3_600_000L, period) * period - 8 * 3_600_000L;
        Instant wake = Instant.ofEpochMilli(start).plus(uploadOffset);
        return wake.isBefore(from) ? wake.plus(kind.uploadEvery()) : wake;
    }
}
