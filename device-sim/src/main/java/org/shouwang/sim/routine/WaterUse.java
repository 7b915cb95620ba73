package org.shouwang.sim.routine;

import java.time.Duration;
import java.time.Instant;

/** One draw of water in a home (a flush, a shower, a washing-machine fill), at an even rate from start to end. */
public record WaterUse(Instant start, Instant end, double liters) {

    public WaterUse {
        if (!end.isAfter(start) || liters < 0) {
            throw new IllegalArgumentException("a water use needs a positive duration and no negative litres");
        }
    }

    static WaterUse of(Instant start, double minutes, double liters) {
        return new WaterUse(start, start.plusMillis(Math.max(1, Math.round(minutes * 60_000))), liters);
    }

    /** Litres a minute while it runs. */
    public double lpm() {
        return liters / (Duration.between(start, end).toMillis() / 60_000.0);
    }

    /** The litres of this use that fall within {@code [from, to)}. */
    public double litersIn(Instant from, Instant to) {
        long a = Math.max(start.toEpochMilli(), from.toEpochMilli());
        long b = Math.min(end.toEpochMilli(), to.toEpochMilli());
        return b > a ? liters * (b - a) / (double) Duration.between(start, end).toMillis() : 0;
    }

    /** True while water runs at {@code t}. */
    public boolean runsAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** This use cut short at {@code t} (the elder fell while the tap ran); null when it had not started. */
    WaterUse cutAt(Instant t) {
        if (!start.isBefore(t)) {
            return null;
        }
        return end.isAfter(t) ? new WaterUse(start, t, litersIn(start, t)) : this;
    }
}
