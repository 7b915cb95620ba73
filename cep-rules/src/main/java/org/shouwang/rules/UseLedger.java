package org.shouwang.rules;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One meter's recent water use by interval time, reduced to what NO_WATER_USE needs: the anchor, the
 * latest instant {@code a} such that the intervals ending at or after {@code a} add up to the minimum.
 * The window {@code (t - W, t]} then holds the minimum exactly while {@code a > t - W}, so the rule's
 * deadline is {@code a + W} whatever {@code W} is (extreme weather only moves the deadline).
 *
 * <p>Each interval counts at its end. Before the minimum was ever reached the anchor is the first instant
 * the meter's data covers. Adding use can only move the anchor later, so intervals ending before it are
 * dropped: the ledger holds the use since the last time the minimum was reached, not a history. This is
 * the one piece of rule arithmetic kept in Java: a sliding sum over late, out-of-order intervals has no
 * cheap EPL form; every decision built on it is in {@code no-water-use.epl}.
 */
final class UseLedger {

    /**
     * Intervals that do not touch by more than this leave time no data covers: a meter down (battery, radio)
     * or restarted. Meters send every interval, dry ones included (docs/device-contract.md).
     */
    static final long GAP_TOLERANCE_MS = 5 * 60_000;

    private final NavigableMap<Long, Double> uses = new TreeMap<>();
    private double minLiters;
    private long anchor = Long.MIN_VALUE;
    private long coveredUntil = Long.MIN_VALUE;

    UseLedger(double minLiters) {
        this.minLiters = minLiters;
    }

    /** The meter's data covers time from {@code fromMs}: the anchor before any use counts. */
    void coveredFrom(long fromMs) {
        if (anchor == Long.MIN_VALUE) {
            anchor = fromMs;
        }
    }

    /**
     * An interval's span is covered by data. Returns its start when it begins after a gap in the coverage (the
     * rules then judge from there: what happened in the gap is unknown), else {@link Long#MIN_VALUE}. A late
     * interval inside or before the covered span is no gap.
     */
    long covers(long startMs, long endMs) {
        long gapEnd = Long.MIN_VALUE;
        if (coveredUntil != Long.MIN_VALUE && startMs > coveredUntil + GAP_TOLERANCE_MS) {
            gapEnd = startMs;
        }
        coveredFrom(startMs);
        coveredUntil = Math.max(coveredUntil, endMs);
        return gapEnd;
    }

    /** The latest instant the meter's intervals cover, or {@link Long#MIN_VALUE} before any. */
    long coveredUntil() {
        return coveredUntil;
    }

    /** Restores the covered span's end after a restart (the digest's latest interval end). */
    void coveredUntil(long endMs) {
        coveredUntil = Math.max(coveredUntil, endMs);
    }

    /** Water used in an interval ending at {@code endMs}; use older than the anchor changes nothing. */
    void used(long endMs, double liters) {
        if (liters <= 0 || endMs < anchor) {
            return;
        }
        uses.merge(endMs, liters, Double::sum);
        recompute();
    }

    /** A new minimum (thresholds changed); the anchor never moves back, and dropped use is not regained. */
    void minLiters(double liters) {
        if (liters != minLiters) {
            minLiters = liters;
            recompute();
        }
    }

    /** The anchor, or {@link Long#MIN_VALUE} while nothing is known. */
    long anchor() {
        return anchor;
    }

    private void recompute() {
        double sum = 0;
        // Walked by lowerEntry, not descendingMap(): the map keeps a descending view once asked for one, ~90 bytes
        // a meter for as long as the meter is watched (issue 15).
        for (Map.Entry<Long, Double> use = uses.lastEntry(); use != null; use = uses.lowerEntry(use.getKey())) {
            sum += use.getValue();
            if (sum >= minLiters) {
                anchor = Math.max(anchor, use.getKey());
                break;
            }
        }
        uses.headMap(anchor, false).clear();
    }
}
