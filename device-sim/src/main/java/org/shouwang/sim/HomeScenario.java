package org.shouwang.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * What happens in one simulated home over a period, as the messages its meter and button send: an elder's
 * everyday water use ({@link UsageProfile}, morning and evening peaks) and whatever the scenario adds — a
 * fall after which no water runs, a tap left open, heavy use, days away, a meter that goes offline, a
 * battery running down, a button press, a meter alarm. The same seed gives the same messages: each
 * metering interval draws from the home's random source whatever the scenario changes.
 *
 * <p>The meter meters in {@code interval} steps and wakes every {@code reportEvery} to upload the intervals
 * completed since its last upload (a meter that wakes every few hours uploads many at once).
 */
public final class HomeScenario {

    private final Home home;
    private final long seed;
    private final double dailyScale;
    private Duration reportEvery = Duration.ofMinutes(15);
    private Duration interval = Duration.ofMinutes(15);
    private Instant noUseFrom;
    private final List<Instant[]> away = new ArrayList<>();
    private final List<Instant[]> offline = new ArrayList<>();
    private final List<Tap> taps = new ArrayList<>();
    private final List<Instant[]> heavy = new ArrayList<>();
    private final List<Instant> presses = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    private int batteryStart = 90;
    private double batteryPerDay = 0.1;
    private Instant batteryReplacedAt;

    private record Tap(Instant from, Instant to, double lpm) {
    }

    private record Alarm(Instant at, DeviceEvent.AlarmCode code) {
    }

    /** An ordinary home: its elder's daily use scaled between 0.6 and 1.4 of a typical ~100 L, from the seed. */
    public HomeScenario(Home home, long seed) {
        this.home = Objects.requireNonNull(home, "home");
        this.seed = seed;
        this.dailyScale = 0.6 + new Random(mix(seed, home.meterId(), 0)).nextDouble() * 0.8;
    }

    public Home home() {
        return home;
    }

    /** The meter wakes every {@code wake} and uploads intervals of {@code step} (15 min and 15 min by default). */
    public HomeScenario reporting(Duration wake, Duration step) {
        if (step.isNegative() || step.isZero() || wake.compareTo(step) < 0 || wake.toMillis() % step.toMillis() != 0) {
            throw new IllegalArgumentException("wake must be a positive multiple of the interval");
        }
        this.reportEvery = wake;
        this.interval = step;
        return this;
    }

    /** The elder falls (or dies) at {@code t}: no water runs from then on; the meter keeps reporting. */
    public HomeScenario noUseFrom(Instant t) {
        this.noUseFrom = t;
        return this;
    }

    /** The elder is away (hospital, children's home): no water runs in between; the meter keeps reporting. */
    public HomeScenario awayBetween(Instant from, Instant to) {
        away.add(new Instant[] {from, to});
        return this;
    }

    /** A tap left open: {@code lpm} litres a minute on top of the everyday use. */
    public HomeScenario tapOpen(Instant from, Duration howLong, double lpm) {
        taps.add(new Tap(from, from.plus(howLong), lpm));
        return this;
    }

    /** Heavy use in bursts (100 L every other interval, nothing between): a lot of water, never running for long. */
    public HomeScenario heavyUse(Instant from, Duration howLong) {
        heavy.add(new Instant[] {from, from.plus(howLong)});
        return this;
    }

    /** The meter sends nothing between {@code from} and {@code until} (null: for good), then uploads what it metered. */
    public HomeScenario meterOffline(Instant from, Instant until) {
        offline.add(new Instant[] {from, until});
        return this;
    }

    /** The meter's battery starts at {@code startPercent} and loses {@code perDay} points a day. */
    public HomeScenario battery(int startPercent, double perDay) {
        this.batteryStart = startPercent;
        this.batteryPerDay = perDay;
        return this;
    }

    /** A new battery (100 %) at {@code t}. */
    public HomeScenario batteryReplacedAt(Instant t) {
        this.batteryReplacedAt = t;
        return this;
    }

    /** The elder presses the call button at {@code t}. */
    public HomeScenario pressAt(Instant t) {
        presses.add(t);
        return this;
    }

    /** The meter raises an alarm at {@code t}. */
    public HomeScenario alarmAt(Instant t, DeviceEvent.AlarmCode code) {
        alarms.add(new Alarm(t, code));
        return this;
    }

    /** Everything the home's devices send in {@code [from, to)}, in arrival order. */
    public Iterator<SimulatedMessage> messages(Instant from, Instant to) {
        List<SimulatedMessage> eventMessages = new ArrayList<>();
        for (Instant t : presses) {
            eventMessages.add(SimulatedMessage.of(new DeviceEvent(home.buttonId(), "p-" + t.toEpochMilli(), t, t,
                    DeviceEvent.Kind.BUTTON, DeviceEvent.Action.PRESS, null, 95)));
        }
        for (Alarm a : alarms) {
            eventMessages.add(SimulatedMessage.of(new DeviceEvent(home.meterId(), "a-" + a.at().toEpochMilli(), a.at(),
                    a.at(), DeviceEvent.Kind.METER_ALARM, null, a.code(), batteryAt(from, a.at()))));
        }
        eventMessages.removeIf(m -> m.at().isBefore(from) || !m.at().isBefore(to));
        eventMessages.sort(Comparator.comparing(SimulatedMessage::at));
        return merge(new Uploads(from, to), eventMessages.iterator());
    }

    // ---- the meter ------------------------------------------------------------------------------------

    /** The meter's uploads, generated one at a time so a month of a fleet needs no memory to speak of. */
    private final class Uploads implements Iterator<SimulatedMessage> {
        private final Random random = new Random(mix(seed, home.meterId(), 1));
        private final Instant from;
        private final Instant to;
        private final List<WaterInterval> unsent = new ArrayList<>();
        private Instant nextWake;
        private Instant metered;
        private double total = 10_000 + new Random(mix(seed, home.meterId(), 2)).nextInt(40_000);
        private SimulatedMessage next;
        private long sequence;

        Uploads(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            long step = interval.toMillis();
            metered = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), step) * step);
            // Meters wake a few seconds after an interval ends, each at a phase of its own.
            long phaseSteps = new Random(mix(seed, home.meterId(), 3)).nextInt((int) (reportEvery.toMillis() / step));
            nextWake = metered.plus(interval.multipliedBy(phaseSteps + 1)).plusSeconds(2 + Math.floorMod(seed, 20));
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public SimulatedMessage next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            SimulatedMessage current = next;
            advance();
            return current;
        }

        private void advance() {
            next = null;
            while (next == null && nextWake.isBefore(to)) {
                Instant wake = nextWake;
                nextWake = nextWake.plus(reportEvery);
                while (!metered.plus(interval).isAfter(wake)) {
                    Instant end = metered.plus(interval);
                    double liters = Math.round(liters(metered, end, random) * 10) / 10.0;
                    total += liters;
                    unsent.add(new WaterInterval(metered, end, liters));
                    metered = end;
                }
                // An offline meter keeps metering; what it could not send goes with its next upload.
                if (!isOffline(wake)) {
                    next = SimulatedMessage.of(new Telemetry(home.meterId(), "t" + (++sequence) + "-" + wake.getEpochSecond(),
                            wake, wake, Math.round(total * 10) / 10.0, List.copyOf(unsent), flowAt(wake),
                            batteryAt(from, wake), -80));
                    unsent.clear();
                }
            }
        }
    }

    private double liters(Instant start, Instant end, Random random) {
        // Always drawn, so that what a scenario changes does not shift the randomness of what follows.
        double everyday = new UsageProfile(dailyScale).liters(start, end, random);
        double liters = noUse(start) || inAny(away, start) ? 0 : everyday;
        for (Instant[] h : heavy) {
            if (!start.isBefore(h[0]) && start.isBefore(h[1])) {
                long index = Duration.between(h[0], start).toMillis() / interval.toMillis();
                liters = index % 2 == 0 ? 100 : 0;
            }
        }
        for (Tap tap : taps) {
            liters += tap.lpm() * overlapMinutes(start, end, tap.from(), tap.to());
        }
        return liters;
    }

    private boolean noUse(Instant t) {
        return noUseFrom != null && !t.isBefore(noUseFrom);
    }

    private boolean isOffline(Instant t) {
        return offline.stream().anyMatch(o -> !t.isBefore(o[0]) && (o[1] == null || t.isBefore(o[1])));
    }

    private double flowAt(Instant t) {
        return taps.stream().filter(tap -> !t.isBefore(tap.from()) && t.isBefore(tap.to()))
                .mapToDouble(Tap::lpm).sum();
    }

    /** The battery at {@code t}, drained since the start of the simulated period. */
    private Integer batteryAt(Instant periodStart, Instant t) {
        if (batteryReplacedAt != null && !t.isBefore(batteryReplacedAt)) {
            return 100;
        }
        double days = Duration.between(periodStart, t).toMillis() / 86_400_000.0;
        return (int) Math.max(0, Math.min(100, Math.round(batteryStart - batteryPerDay * days)));
    }

    private static boolean inAny(List<Instant[]> periods, Instant t) {
        return periods.stream().anyMatch(p -> !t.isBefore(p[0]) && t.isBefore(p[1]));
    }

    private static double overlapMinutes(Instant s1, Instant e1, Instant s2, Instant e2) {
        long start = Math.max(s1.toEpochMilli(), s2.toEpochMilli());
        long end = Math.min(e1.toEpochMilli(), e2.toEpochMilli());
        return end > start ? (end - start) / 60_000.0 : 0;
    }

    private static long mix(long seed, String id, long salt) {
        return seed * 1_000_003L ^ id.hashCode() * 31L ^ salt * 0x9E3779B97F4A7C15L;
    }

    private static Iterator<SimulatedMessage> merge(Iterator<SimulatedMessage> a, Iterator<SimulatedMessage> b) {
        return new Iterator<>() {
            private SimulatedMessage nextA = a.hasNext() ? a.next() : null;
            private SimulatedMessage nextB = b.hasNext() ? b.next() : null;

            @Override
            public boolean hasNext() {
                return nextA != null || nextB != null;
            }

            @Override
            public SimulatedMessage next() {
                boolean takeA = nextB == null || (nextA != null && !nextA.at().isAfter(nextB.at()));
                SimulatedMessage out = takeA ? nextA : nextB;
                if (out == null) {
                    throw new NoSuchElementException();
                }
                if (takeA) {
                    nextA = a.hasNext() ? a.next() : null;
                } else {
                    nextB = b.hasNext() ? b.next() : null;
                }
                return out;
            }
        };
    }
}
