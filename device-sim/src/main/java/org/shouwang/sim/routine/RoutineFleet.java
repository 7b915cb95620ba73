package org.shouwang.sim.routine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.shouwang.model.Absence;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleThresholds;

/**
 * A deterministic fleet of single-person homes over a warm-up and a scored period ({@link FleetSpec}): everyday
 * routines, frugal and normal elders, weekends away recorded and not, hospital stays recorded a day late, visitors,
 * quarter-hour, hourly and once-a-day meters, dead batteries with and without a backlog, and the falls. The same
 * spec gives the same fleet, message for message. With it comes what the registry knows, as the rules see it
 * ({@link #context(Instant)}): each meter's elder and street, the once-a-day meters' report interval, and the
 * absences recorded by then.
 */
public final class RoutineFleet {

    /** Share of frugal elders. */
    static final double FRUGAL_SHARE = 0.25;
    /** Shares of quarter-hour and hourly meters; the rest upload once a day. */
    static final double QUARTER_HOURLY_SHARE = 0.5;
    static final double HOURLY_SHARE = 0.3;
    /** Homes whose meter's battery dies in the scored days, at least one. */
    static final double SILENT_SHARE = 0.1;
    /** Every eighth fall leaves a tap running. */
    static final int TAP_FALL_EVERY = 8;
    private static final List<String> STREETS = List.of("平江街道", "沧浪街道", "双塔街道", "虎丘街道");

    private final FleetSpec spec;
    private final List<HomeMonth> homes;

    private RoutineFleet(FleetSpec spec, List<HomeMonth> homes) {
        this.spec = spec;
        this.homes = List.copyOf(homes);
    }

    public static RoutineFleet generate(FleetSpec spec) {
        SplittableRandom fleet = new SplittableRandom(spec.seed());
        int n = spec.homes();
        int[] order = shuffled(n, fleet);
        int[] kinds = shuffled(n, fleet);
        int silent = Math.min(n - spec.falls(), Math.max(1, (int) Math.round(n * SILENT_SHARE)));
        List<HomeMonth> homes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int rank = indexOf(order, i);
            int kindRank = indexOf(kinds, i);
            MeterKind kind = kindRank < Math.round(n * QUARTER_HOURLY_SHARE) ? MeterKind.QUARTER_HOURLY
                    : kindRank < Math.round(n * HOURLY_SHARE + n * QUARTER_HOURLY_SHARE) ? MeterKind.HOURLY
                    : MeterKind.DAILY;
            SplittableRandom home = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + i);
            Fall fall = rank < spec.falls() ? fall(spec, rank, home.split()) : null;
            Silence silence = rank >= spec.falls() && rank < spec.falls() + silent
                    ? silence(spec, rank - spec.falls(), home.split()) : null;
            homes.add(HomeBuilder.build(spec, i, STREETS.get(i % STREETS.size()), kind, fall, silence, home));
        }
        return new RoutineFleet(spec, homes);
    }

    public FleetSpec spec() {
        return spec;
    }

    public List<HomeMonth> homes() {
        return homes;
    }

    /** What the registry tells the rules at {@code asOf}: the meters, their report intervals, the absences recorded. */
    public RuleContext context(Instant asOf) {
        return context(asOf, List.of());
    }

    /** As {@link #context(Instant)}, with absences staff recorded besides (the benchmark's care team). */
    public RuleContext context(Instant asOf, Collection<Absence> recordedBesides) {
        List<RuleContext.DeviceHome> devices = new ArrayList<>();
        Map<Long, RuleThresholds> elders = new HashMap<>();
        List<Absence> absences = new ArrayList<>(recordedBesides);
        for (HomeMonth h : homes) {
            devices.add(new RuleContext.DeviceHome(h.meterId(), DeviceKind.WATER_METER, h.elderId(), h.street(), null,
                    null));
            if (h.kind().reportInterval() != null) {
                elders.put(h.elderId(), RuleThresholds.NONE.withMeterReportInterval(h.kind().reportInterval()));
            }
            for (int k = 0; k < h.spells().size(); k++) {
                Spell s = h.spells().get(k);
                if (s.registeredBy(asOf)) {
                    absences.add(new Absence(h.elderId() * 100 + k, h.elderId(), s.from(), s.to(), s.kind().reason(),
                            s.registeredAt(), "社区工作者"));
                }
            }
        }
        return new RuleContext(devices, RuleThresholds.NONE, Map.of(), elders, false, Set.of(), absences);
    }

    /** The instants, after the period's start, at which staff record an absence: the registry changes then. */
    public List<Instant> registrations() {
        TreeSet<Instant> at = new TreeSet<>();
        for (HomeMonth h : homes) {
            for (Spell s : h.spells()) {
                if (s.registeredAt() != null && s.registeredAt().isAfter(spec.from())) {
                    at.add(s.registeredAt());
                }
            }
        }
        return List.copyOf(at);
    }

    private static Fall fall(FleetSpec spec, int index, SplittableRandom random) {
        long span = Duration.between(spec.scoredFrom(), spec.to().minus(FleetSpec.FIND_WITHIN)).getSeconds();
        Instant at = spec.scoredFrom().plusSeconds(random.nextLong(Math.max(1, span)));
        double lpm = index % TAP_FALL_EVERY == TAP_FALL_EVERY - 1 ? 3 + random.nextDouble() * 5 : 0;
        return new Fall(at, lpm);
    }

    /**
     * A dead battery of one to four days in the scored days. The first comes back without its backlog (the harder
     * case: the gap is covered by no interval), the next with it, and so on.
     */
    private static Silence silence(FleetSpec spec, int index, SplittableRandom random) {
        long scored = Duration.between(spec.scoredFrom(), spec.to()).toHours();
        long hours = Math.min(24 + random.nextInt(72), scored - 18);
        if (hours < 6) {
            return null;
        }
        long latestStart = scored - hours - 12;
        Instant from = spec.scoredFrom().plus(Duration.ofHours(6 + random.nextLong(Math.max(1, latestStart - 5))))
                .plusSeconds(random.nextInt(3600));
        return new Silence(from, from.plus(Duration.ofHours(hours)), index % 2 == 1);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static int indexOf(int[] a, int value) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("not a permutation");
    }
}
