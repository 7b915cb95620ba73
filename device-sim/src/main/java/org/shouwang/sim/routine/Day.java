package org.shouwang.sim.routine;

import java.time.Instant;
import java.time.LocalDate;

/** One day of an elder's routine: when they got up and went to bed, and when they woke the morning after. */
public record Day(LocalDate date, Instant wake, Instant bed, Instant nextWake) {

    /** True while the elder sleeps the night after this day. */
    public boolean asleepAt(Instant t) {
        return !t.isBefore(bed) && t.isBefore(nextWake);
    }
}
