package org.shouwang.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.shouwang.model.DaySlots;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.WaterInterval;

/**
 * What the database would hand the rules at a restart of a large site, made up in memory for {@code bench-state}:
 * the registry (a meter and optionally a call button per home) and, per meter, the digest of its last days and its
 * quarter-hour days of the last five weeks, shaped like {@code RuleStore}'s answer. Deterministic per seed.
 *
 * <p>Each home follows one of {@link #TYPES} daily routines (waking 06:00-07:30, meals, evening, bedtime) with
 * day-to-day variation, its meter reports every 15 min with every interval (dry ones at 0 L) and was heard within
 * the last hour. {@code dryShare} of the homes used no water since 14-20 h ago (their no-use window is open and
 * their recent intervals do not settle the ledger, so recovery fetches their period whole, as it does live), and
 * {@code flowShare} end with water running for the last 45 min (an open CONTINUOUS_FLOW stretch). One button in a
 * hundred is offline (an armed BUTTON_OFFLINE timer).
 */
final class StateFleet {

    /** Routine types; each home follows one, with {@link #VARIANTS} day variants each. */
    static final int TYPES = 64;
    static final int VARIANTS = 32;
    private static final long SLOT = DaySlots.SLOT_MS;
    private static final List<String> STREETS = List.of("街道0", "街道1", "街道2", "街道3", "街道4", "街道5", "街道6",
            "街道7", "街道8", "街道9", "街道10", "街道11", "街道12", "街道13", "街道14", "街道15", "街道16", "街道17",
            "街道18", "街道19");

    private final int meters;
    private final int buttons;
    private final long seed;
    private final double dryShare;
    private final double flowShare;
    /** Day masks by type and variant: shared by the homes of one type, as the stored rows are copied into the rules. */
    private final boolean[][] wetByVariant = new boolean[TYPES * VARIANTS][];

    StateFleet(int meters, int buttons, long seed, double dryShare, double flowShare) {
        this.meters = meters;
        this.buttons = buttons;
        this.seed = seed;
        this.dryShare = dryShare;
        this.flowShare = flowShare;
        Random r = new Random(seed);
        for (int type = 0; type < TYPES; type++) {
            int wake = 24 + r.nextInt(7);
            int lunch = 44 + r.nextInt(6);
            int evening = 72 + r.nextInt(8);
            int bed = 84 + r.nextInt(6);
            for (int v = 0; v < VARIANTS; v++) {
                boolean[] wet = new boolean[DaySlots.SLOTS];
                int w = wake + r.nextInt(5) - 2;
                wet[w] = true;
                wet[w + 1 + r.nextInt(2)] = true;
                wet[w + 3 + r.nextInt(3)] = true;
                wet[lunch + r.nextInt(4) - 2] = true;
                wet[lunch + 2 + r.nextInt(3)] = true;
                wet[58 + r.nextInt(10)] = true;
                wet[evening + r.nextInt(5) - 2] = true;
                wet[evening + 2 + r.nextInt(4)] = true;
                wet[bed + r.nextInt(4)] = true;
                for (int extra = r.nextInt(4); extra > 0; extra--) {
                    wet[w + r.nextInt(bed - w)] = true;
                }
                wetByVariant[type * VARIANTS + v] = wet;
            }
        }
    }

    String meterId(int i) {
        return "bm" + i;
    }

    String buttonId(int i) {
        return "bb" + i;
    }

    /** The registry: a meter per home, a button in the first {@code buttons} homes; default thresholds everywhere. */
    RuleContext context(Instant now) {
        List<RuleContext.DeviceHome> devices = new ArrayList<>(meters + buttons);
        for (int i = 0; i < meters; i++) {
            devices.add(new RuleContext.DeviceHome(meterId(i), DeviceKind.WATER_METER, i + 1L, STREETS.get(i % 20),
                    now.minus(Duration.ofMinutes(i % 60)), true));
        }
        for (int i = 0; i < buttons; i++) {
            // Idle buttons send nothing: last seen days ago (their last test press), so a restart seeds them from here.
            devices.add(new RuleContext.DeviceHome(buttonId(i), DeviceKind.CALL_BUTTON, i + 1L, STREETS.get(i % 20),
                    now.minus(Duration.ofDays(4 + i % 7)), i % 100 != 42));
        }
        return new RuleContext(devices, RuleThresholds.NONE, Map.of(), Map.of(), false, Set.of(), List.of());
    }

    /** The stored history of every meter, as {@code RuleStore.history} reads it for {@code request}. */
    RuleHistory history(RuleHistory.Request request) {
        Instant now = request.to();
        LocalDate fromDay = request.from().atZone(DaySlots.ZONE).toLocalDate();
        LocalDate firstDay = fromDay.minusDays(org.shouwang.model.Routine.LEARN_DAYS + 3);
        LocalDate today = DaySlots.day(now);
        List<MeterDigest> digests = new ArrayList<>(meters);
        Map<String, Map<LocalDate, DaySlots.Masks>> days = new HashMap<>(meters * 2);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < meters; i++) {
            Home h = home(i, now);
            Map<LocalDate, DaySlots.Masks> masks = new HashMap<>(64);
            for (LocalDate d = firstDay; !d.isAfter(today); d = d.plusDays(1)) {
                masks.put(d, h.masks(d));
            }
            days.put(meterId(i), masks);
            List<WaterInterval> recent = h.wetIntervals(request.recentFrom(), h.coveredUntil);
            List<MeterDigest.DayUse> use = new ArrayList<>();
            for (LocalDate d = fromDay; !d.isAfter(today); d = d.plusDays(1)) {
                use.add(new MeterDigest.DayUse(d, 80 + h.random.nextInt(200)));
            }
            Instant coveredUntil = Instant.ofEpochMilli(h.coveredUntil);
            digests.add(new MeterDigest(meterId(i), h.heardAt, request.from(), coveredUntil, h.heardAt,
                    40 + h.random.nextInt(60), use, recent));
            if (!h.heardAt.isBefore(request.keysFrom())) {
                keys.add(RuleHistory.key(meterId(i), "r" + h.coveredUntil));
            }
        }
        return new RuleHistory(digests, List.of(), List.of(), keys, List.of(), days);
    }

    /** Every wet interval of these meters in {@code [from, to)}: what recovery fetches for a digest that needs more. */
    Map<String, List<WaterInterval>> water(Collection<String> deviceIds, Instant from, Instant to) {
        Map<String, List<WaterInterval>> out = new HashMap<>();
        for (String id : deviceIds) {
            Home h = home(Integer.parseInt(id.substring(2)), to.minusMillis(1));
            out.put(id, h.wetIntervals(from, Math.min(h.coveredUntil, to.toEpochMilli())));
        }
        return out;
    }

    private Home home(int i, Instant now) {
        return new Home(i, now);
    }

    /** One home's made-up data, regenerated identically from its index. */
    private final class Home {
        final SplittableRandom random;
        final int type;
        final Instant heardAt;
        final long coveredUntil;
        /** No wet slot from here on (a dry home), else Long.MAX_VALUE. */
        final long dryFrom;
        /** Water runs from here to coveredUntil (a flow home), else Long.MAX_VALUE. */
        final long flowFrom;
        final long variantSeed;

        Home(int i, Instant now) {
            random = new SplittableRandom(seed * 1_000_003L + i);
            type = random.nextInt(TYPES);
            variantSeed = random.nextLong();
            heardAt = now.minusSeconds(5 + random.nextInt(55 * 60));
            coveredUntil = Math.floorDiv(heardAt.toEpochMilli(), SLOT) * SLOT;
            double kind = random.nextDouble();
            dryFrom = kind < dryShare ? coveredUntil - Duration.ofHours(14 + random.nextInt(7)).toMillis() : Long.MAX_VALUE;
            flowFrom = kind >= dryShare && kind < dryShare + flowShare ? coveredUntil - 3 * SLOT : Long.MAX_VALUE;
        }

        boolean[] variant(LocalDate d) {
            long mix = variantSeed ^ (d.toEpochDay() * 0x9E3779B97F4A7C15L);
            int v = (int) Math.floorMod(mix ^ (mix >>> 29), VARIANTS);
            return wetByVariant[type * VARIANTS + v];
        }

        boolean wet(LocalDate d, int slot, long slotStart) {
            if (slotStart >= flowFrom) {
                return true;
            }
            return slotStart < dryFrom && variant(d)[slot];
        }

        /** The day's covered and wet slots, as V18 stores them: covered up to the last report. */
        DaySlots.Masks masks(LocalDate d) {
            DaySlots.Masks m = new DaySlots.Masks();
            long dayStart = DaySlots.start(d, 0).toEpochMilli();
            for (int s = 0; s < DaySlots.SLOTS; s++) {
                long at = dayStart + s * SLOT;
                if (at + SLOT <= coveredUntil) {
                    m.cover(s, wet(d, s, at));
                }
            }
            return m;
        }

        /** The wet 15-min intervals from {@code from} to {@code untilMs}, by start. */
        List<WaterInterval> wetIntervals(Instant from, long untilMs) {
            List<WaterInterval> out = new ArrayList<>();
            SplittableRandom litres = new SplittableRandom(variantSeed);
            for (long at = Math.floorDiv(from.toEpochMilli() + SLOT - 1, SLOT) * SLOT; at + SLOT <= untilMs; at += SLOT) {
                Instant start = Instant.ofEpochMilli(at);
                if (wet(DaySlots.day(start), DaySlots.slot(start), at)) {
                    double liters = at >= flowFrom ? 90.0 : 2 + litres.nextInt(18);
                    out.add(new WaterInterval(start, Instant.ofEpochMilli(at + SLOT), liters));
                }
            }
            return out;
        }
    }
}
