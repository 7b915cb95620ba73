package org.shouwang.sim.routine;

import java.time.Instant;

/**
 * The meter sends nothing from {@code from} until {@code to} (a dead battery). Back, it uploads what it metered
 * meanwhile when {@code backlog}, else it starts afresh: the time in between is covered by no interval, and its
 * first report may carry none at all.
 */
public record Silence(Instant from, Instant to, boolean backlog) {

    public boolean covers(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
