package org.shouwang.sim.routine;

import java.time.Instant;

/**
 * The elder falls at {@code at} and cannot get up: no water runs from then on, unless a tap was left running,
 * which then runs at {@code tapLpm} litres a minute until someone comes (0: no tap).
 */
public record Fall(Instant at, double tapLpm) {

    public boolean tapLeftRunning() {
        return tapLpm > 0;
    }
}
