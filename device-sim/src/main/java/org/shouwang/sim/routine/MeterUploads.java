package org.shouwang.sim.routine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.SimulatedMessage;

/**
 * A home's meter over its period, one upload at a time: it meters every interval, dry ones included, and at each
 * wake uploads what it metered since the last upload. While silent it sends nothing; back with a backlog it uploads
 * what it kept in messages of at most {@link #MAX_INTERVALS} intervals, without one it drops what it could not keep
 * and its first report may carry no interval at all.
 */
final class MeterUploads implements Iterator<SimulatedMessage> {

    /** A day of quarter hours: what one message of the contract holds within the payload limit. */
    static final int MAX_INTERVALS = 96;

    private final HomeMonth home;
    private final MeterKind kind;
    private final Duration step;
    private final Instant to;
    private final List<WaterUse> uses;
    private final List<WaterUse> running = new ArrayList<>();
    private final List<WaterInterval> unsent = new ArrayList<>();
    private final Deque<SimulatedMessage> ready = new ArrayDeque<>();
    private int nextUse;
    private Instant nextWake;
    private Instant metered;
    private Silence missed;
    private double total;
    private long sequence;

    MeterUploads(HomeMonth home, Instant from, Instant to) {
        this.home = home;
        this.kind = home.kind();
        this.step = kind.interval();
        this.to = to;
        this.uses = home.uses();
        this.total = home.registerStart();
        this.nextWake = home.firstWake(from);
        // The first upload carries a full upload's worth, as every later one does.
        this.metered = floor(nextWake).minus(kind.uploadEvery());
        fill();
    }

    @Override
    public boolean hasNext() {
        return !ready.isEmpty();
    }

    @Override
    public SimulatedMessage next() {
        if (ready.isEmpty()) {
            throw new NoSuchElementException();
        }
        SimulatedMessage m = ready.poll();
        if (ready.isEmpty()) {
            fill();
        }
        return m;
    }

    private void fill() {
        while (ready.isEmpty() && nextWake.isBefore(to)) {
            Instant wake = nextWake;
            nextWake = nextWake.plus(kind.uploadEvery());
            meterUpTo(floor(wake));
            Silence silence = home.silenceAt(wake);
            if (silence != null) {
                missed = silence;
                continue;
            }
            if (missed != null && !missed.backlog()) {
                Instant restarted = missed.to();
                unsent.removeIf(i -> i.start().isBefore(restarted));
            }
            missed = null;
            upload(wake);
        }
    }

    private void upload(Instant wake) {
        double flow = Math.round(running.stream().filter(u -> u.runsAt(wake)).mapToDouble(WaterUse::lpm).sum() * 10) / 10.0;
        int chunk = 0;
        do {
            List<WaterInterval> part = unsent.subList(0, Math.min(MAX_INTERVALS, unsent.size()));
            Instant at = wake.plusSeconds(chunk++);
            Telemetry t = new Telemetry(home.meterId(), "r" + (++sequence), at, at.plusSeconds(1),
                    Math.round(total * 10) / 10.0, List.copyOf(part), flow, home.batteryAt(at), -85);
            ready.add(new SimulatedMessage(t.receivedAt(), t, null));
            part.clear();
        } while (!unsent.isEmpty());
    }

    /** Meters every whole interval that ends by {@code boundary}. */
    private void meterUpTo(Instant boundary) {
        while (!metered.plus(step).isAfter(boundary)) {
            Instant end = metered.plus(step);
            while (nextUse < uses.size() && uses.get(nextUse).start().isBefore(end)) {
                running.add(uses.get(nextUse++));
            }
            double liters = 0;
            for (WaterUse u : running) {
                liters += u.litersIn(metered, end);
            }
            Instant intervalEnd = end;
            running.removeIf(u -> !u.end().isAfter(intervalEnd));
            liters = Math.round(liters * 10) / 10.0;
            total += liters;
            unsent.add(new WaterInterval(metered, end, liters));
            metered = end;
        }
    }

    /** The interval boundary at or before {@code t}. */
    private Instant floor(Instant t) {
        long s = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), s) * s);
    }
}
