package org.shouwang.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock until {@link #stall()}: then it stands still at that instant, as a platform clock does that
 * stepped back (NTP) and is waited out by the rule clock, until {@link #resume()}. Views from {@link #withZone}
 * stall with it.
 */
final class StallingClock extends Clock {

    private final AtomicReference<Instant> stalledAt;
    private final ZoneId zone;

    StallingClock() {
        this(new AtomicReference<>(), ZoneOffset.UTC);
    }

    private StallingClock(AtomicReference<Instant> stalledAt, ZoneId zone) {
        this.stalledAt = stalledAt;
        this.zone = zone;
    }

    void stall() {
        stalledAt.compareAndSet(null, Instant.now());
    }

    void resume() {
        stalledAt.set(null);
    }

    @Override
    public Instant instant() {
        Instant stalled = stalledAt.get();
        return stalled == null ? Instant.now() : stalled;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new StallingClock(stalledAt, other);
    }
}
