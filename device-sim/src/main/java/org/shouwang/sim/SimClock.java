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

    /** A view in another zone that follows this clock's simulated time (the platform asks for Asia/Shanghai). */
    @Override
    public Clock withZone(ZoneId zone) {
        SimClock source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }
}
