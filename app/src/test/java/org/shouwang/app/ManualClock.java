package org.shouwang.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A platform clock moved by hand: simulated time for {@code Platform.start(config, clock)} and the simulated
 * devices. Thread-safe and never moves backwards; {@link #withZone} views share the same time, because the
 * platform asks for local dates through {@code clock.withZone(Asia/Shanghai)}.
 */
final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    ManualClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves to {@code t}; refuses to go back, as a simulation that did would prove nothing. */
    void set(Instant t) {
        Instant before = now.getAndAccumulate(t, (current, next) -> next.isAfter(current) ? next : current);
        if (t.isBefore(before)) {
            throw new IllegalArgumentException("the clock does not go back from " + before + " to " + t);
        }
    }

    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new ManualClock(now, other);
    }
}
