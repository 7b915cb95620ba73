package org.shouwang.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.WaterInterval;

/**
 * Reads from one meter's digest the two pieces of rule state that depend on the order of its intervals,
 * exactly as feeding them one by one would leave them: NO_WATER_USE's {@link UseLedger} and the
 * CONTINUOUS_FLOW stretch still running at the end. Only intervals that used water matter to either (a
 * dry interval and a gap both end a stretch), and only the latest ones: those back to where the minimum
 * litres were reached, and the stretch. The digest lists the recent ones; {@link #needsMore} says when
 * they do not reach back far enough, and the caller then fetches the meter's whole period.
 */
final class MeterRestore {

    /** A run of touching intervals, each at the running flow or more. */
    record Stretch(long startMs, long endMs, double liters) {
    }

    /**
     * When an interval shows water running throughout, as {@code continuous-flow.epl} judges it: at
     * {@code minLpm} if it is at most {@code fineIntervalMs} long, else at {@code coarseMinLpm} too; and how
     * far apart two intervals of one stretch may be.
     */
    record FlowShape(double minLpm, long gapToleranceMs, long fineIntervalMs, double coarseMinLpm) {
        boolean runs(WaterInterval i) {
            long ms = i.end().toEpochMilli() - i.start().toEpochMilli();
            if (ms <= 0) {
                return false;
            }
            double lpm = i.liters() / (ms / 60_000.0);
            return lpm >= minLpm && (ms <= fineIntervalMs || lpm >= coarseMinLpm);
        }
    }

    private MeterRestore() {
    }

    /** The intervals that used water, in the order the ledger and the stretch count them (by end). */
    static List<WaterInterval> used(List<WaterInterval> intervals) {
        List<WaterInterval> used = new ArrayList<>();
        for (WaterInterval i : intervals) {
            if (i.liters() > 0) {
                used.add(i);
            }
        }
        used.sort(Comparator.comparing(WaterInterval::end).thenComparing(WaterInterval::start));
        return used;
    }

    /**
     * True when the recent intervals cannot settle the state: less than the minimum was used in them (the
     * anchor lies further back) or the stretch runs back to their first (it may have started earlier),
     * while the meter's data reaches further back than {@code recentFrom}.
     */
    static boolean needsMore(MeterDigest d, Instant recentFrom, double minLiters, FlowShape flow) {
        if (d.coveredFrom() == null || !d.coveredFrom().isBefore(recentFrom)) {
            return false;
        }
        List<WaterInterval> used = used(d.recent());
        double liters = used.stream().mapToDouble(WaterInterval::liters).sum();
        if (liters < minLiters) {
            return true;
        }
        return stretchStart(used, flow) == 0;
    }

    /** The ledger after every interval was counted, from the meter's first covered instant. */
    static UseLedger ledger(long coveredFromMs, List<WaterInterval> used, double minLiters) {
        UseLedger ledger = new UseLedger(minLiters);
        ledger.coveredFrom(coveredFromMs);
        for (WaterInterval i : used) {
            ledger.used(i.end().toEpochMilli(), i.liters());
        }
        return ledger;
    }

    /** The stretch the last interval belongs to, if it runs; as {@code continuous-flow.epl} builds it. */
    static Optional<Stretch> stretch(List<WaterInterval> used, FlowShape flow) {
        int first = stretchStart(used, flow);
        if (first < 0) {
            return Optional.empty();
        }
        double liters = 0;
        for (int i = first; i < used.size(); i++) {
            liters += used.get(i).liters();
        }
        return Optional.of(new Stretch(used.get(first).start().toEpochMilli(),
                used.get(used.size() - 1).end().toEpochMilli(), liters));
    }

    /** Index of the stretch's first interval, or -1 when the last interval does not run. */
    private static int stretchStart(List<WaterInterval> used, FlowShape flow) {
        int last = used.size() - 1;
        if (last < 0 || !flow.runs(used.get(last))) {
            return -1;
        }
        int first = last;
        while (first > 0 && flow.runs(used.get(first - 1))
                && used.get(first).start().toEpochMilli() <= used.get(first - 1).end().toEpochMilli() + flow.gapToleranceMs()) {
            first--;
        }
        return first;
    }
}
