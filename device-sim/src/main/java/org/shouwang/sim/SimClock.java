package org.shouwang.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that simulated time moves: hand it to the platform ({@code Platform.start(config, clock)}) and to
 * a {@link MqttScenarioSink}, and days pass in seconds. Thread-safe; never moves backwards.
 */
public final class SimClock extends Clock {

    private final AtomicReference<Instant> now;

    public SimClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    /** Moves to {@code t} if it is later than now. */
    public void set(Instant t) {
        now.accumulateAndGet(t, (current, next) -> next.isAfter(current) ? next : current);
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a simulated clock has no zone of its own");
    }
}
