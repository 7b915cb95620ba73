package org.shouwang.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.shouwang.model.DaySlots;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Routine;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.IncidentResolution;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.model.WatchRestart;

/**
 * What the database would hold for the rules, in memory: stored messages, the context, the alert journal.
 * Its digests follow {@code RuleDigestReader}'s SQL; {@code RuleDigestIT} checks that both agree.
 */
final class MemoryRuleStore implements RuleContextSource {

    private static final Comparator<WaterInterval> BY_START = Comparator.comparing(WaterInterval::start)
            .thenComparing(WaterInterval::end);

    final List<Telemetry> telemetry = new ArrayList<>();
    final List<DeviceEvent> events = new ArrayList<>();
    final Map<String, RuleJournalEntry> journal = new LinkedHashMap<>();
    final Set<WatchRestart> watches = new java.util.LinkedHashSet<>();
    /** Incidents resolved, by id, as the notifier's tables would hold them. */
    final Map<Long, IncidentResolution> resolutions = new LinkedHashMap<>();
    RuleContext context = RuleContext.empty();

    @Override
    public synchronized RuleContext context(Instant now) {
        return context;
    }

    @Override
    public synchronized RuleHistory history(RuleHistory.Request r) {
        // As the SQL reads its per-day rollup: whole days from r.from()'s on, and everything stored so far.
        Instant dayStart = LocalDate.ofInstant(r.from(), r.zone()).atStartOfDay(r.zone()).toInstant();
        Map<String, Digest> meters = new TreeMap<>();
        for (Telemetry t : telemetry) {
            if (!t.receivedAt().isBefore(dayStart)) {
                meters.computeIfAbsent(t.deviceId(), Digest::new).reading(t);
            }
            for (WaterInterval i : t.intervals()) {
                if (i.end().isAfter(dayStart)) {
                    meters.computeIfAbsent(t.deviceId(), Digest::new).interval(i, r);
                }
            }
        }
        Set<String> keys = new HashSet<>();
        telemetry.stream().filter(t -> !t.receivedAt().isBefore(r.keysFrom()))
                .forEach(t -> keys.add(RuleHistory.key(t.deviceId(), t.msgId())));
        return new RuleHistory(meters.values().stream().map(Digest::build).toList(),
                events.stream().filter(e -> within(e.receivedAt(), r.from(), r.to()))
                        .sorted(Comparator.comparing(DeviceEvent::receivedAt)).toList(),
                journal.values().stream().filter(j -> j.clearedAt() == null || !j.clearedAt().isBefore(r.from())
                        || !j.raisedAt().isBefore(r.from())).toList(),
                keys, watchesSince(r.from()), routineDays(r));
    }

    /** As RuleDigestReader reads V18's slots: each meter's quarter-hour days from 31 days before the period on. */
    private Map<String, Map<LocalDate, DaySlots.Masks>> routineDays(RuleHistory.Request r) {
        LocalDate first = LocalDate.ofInstant(r.from(), r.zone()).minusDays(Routine.LEARN_DAYS + 3);
        Map<String, Map<LocalDate, DaySlots.Masks>> out = new TreeMap<>();
        for (Telemetry t : telemetry) {
            for (WaterInterval i : t.intervals()) {
                Map<LocalDate, DaySlots.Masks> days = out.computeIfAbsent(t.deviceId(), k -> new TreeMap<>());
                DaySlots.add(days, i.start(), i.end(), i.liters());
                days.keySet().removeIf(d -> d.isBefore(first));
            }
        }
        return out;
    }

    @Override
    public synchronized Map<String, List<WaterInterval>> water(Collection<String> deviceIds, Instant from, Instant to) {
        Map<String, List<WaterInterval>> out = new TreeMap<>();
        for (Telemetry t : telemetry) {
            if (deviceIds.contains(t.deviceId())) {
                t.intervals().stream().filter(i -> i.liters() > 0 && within(i.start(), from, to))
                        .forEach(i -> out.computeIfAbsent(t.deviceId(), k -> new ArrayList<>()).add(i));
            }
        }
        out.values().forEach(list -> list.sort(BY_START));
        return out;
    }

    /** As the SQL: the kept restarts since {@code from}, and resolutions of episodes the journal lists as open. */
    private List<WatchRestart> watchesSince(Instant from) {
        Set<WatchRestart> out = new java.util.LinkedHashSet<>();
        watches.stream().filter(w -> !w.at().isBefore(from)).forEach(out::add);
        for (IncidentResolution res : resolutions.values()) {
            for (String id : res.alertIds()) {
                RuleJournalEntry j = journal.get(id);
                if (j != null && j.clearedAt() == null && !res.at().isBefore(j.raisedAt())) {
                    out.add(new WatchRestart(j.deviceId(), j.rule(), res.at(), WatchRestart.Reason.RESOLVED));
                }
            }
        }
        return out.stream().sorted(Comparator.comparing(WatchRestart::at)).toList();
    }

    @Override
    public synchronized void record(WatchRestart restart) {
        watches.add(restart);
    }

    @Override
    public synchronized Optional<IncidentResolution> resolution(long incidentId) {
        return Optional.ofNullable(resolutions.get(incidentId));
    }

    @Override
    public synchronized void record(RuleJournalEntry entry) {
        if (entry.isClear()) {
            journal.computeIfPresent(entry.alertId(), (id, raised) -> new RuleJournalEntry(id, raised.rule(),
                    raised.deviceId(), raised.episode(), raised.raisedAt(), entry.clearedAt(), entry.clearReason()));
        } else {
            journal.putIfAbsent(entry.alertId(), entry);
        }
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** One meter's digest, built as the SQL aggregates it. */
    private static final class Digest {
        private final String deviceId;
        private final TreeMap<LocalDate, Double> days = new TreeMap<>();
        private final List<WaterInterval> recent = new ArrayList<>();
        private Instant lastHeardAt;
        private Instant coveredFrom;
        private Instant coveredUntil;
        private Instant batteryTs;
        private Instant batteryReceived;
        private Integer battery;

        Digest(String deviceId) {
            this.deviceId = deviceId;
        }

        void reading(Telemetry t) {
            lastHeardAt = max(lastHeardAt, t.receivedAt());
            if (t.battery() != null && (batteryTs == null || t.ts().isAfter(batteryTs)
                    || (t.ts().equals(batteryTs) && t.receivedAt().isAfter(batteryReceived)))) {
                batteryTs = t.ts();
                batteryReceived = t.receivedAt();
                battery = t.battery();
            }
        }

        void interval(WaterInterval i, RuleHistory.Request r) {
            coveredFrom = min(coveredFrom, i.start());
            coveredUntil = max(coveredUntil, i.end());
            days.merge(LocalDate.ofInstant(i.end().minusNanos(1), r.zone()), i.liters(), Double::sum);
            if (i.liters() > 0 && !i.start().isBefore(r.recentFrom())) {
                recent.add(i);
            }
        }

        MeterDigest build() {
            recent.sort(BY_START);
            return new MeterDigest(deviceId, lastHeardAt, coveredFrom, coveredUntil, batteryTs, battery,
                    days.entrySet().stream().map(e -> new MeterDigest.DayUse(e.getKey(), e.getValue())).toList(), recent);
        }
    }
}
