package org.shouwang.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock tests move by hand, so a 24-hour rule or a 25-minute escalation runs in milliseconds and
 * deterministically. Thread-safe (set from the test thread, read from event loops and workers); every
 * {@link #withZone} view shares the same time, because the platform asks for local dates through
 * {@code clock.withZone(Asia/Shanghai)}.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public TestClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Sets the time to {@code t}. */
    public void set(Instant t) {
        now.set(t);
    }

    /** Sets the time to {@code start + elapsed}. */
    public void at(Instant start, Duration elapsed) {
        now.set(start.plus(elapsed));
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
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new TestClock(now, other);
    }
}
