package org.shouwang.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the database holds for the rules to rebuild their state after a restart: a digest per meter of
 * the telemetry received in the recovery period (not every reading: a bounded read), the device events
 * received in it (presses and alarms are few and are judged one by one), the journal of the alerts the
 * rules published in that period plus those still open from before, the keys of the readings
 * received since {@link Request#keysFrom}, so a reading that is both in the digest and delivered live
 * while recovering is counted once, and the rules' watch restarts in the period (resolutions, data gaps),
 * including resolutions of journaled episodes the rules had not yet been told of, and each meter's quarter-hour
 * days of the last {@link Routine#LEARN_DAYS} days and more ({@code routineDays}, by meter then day), from which
 * its learned routine is rebuilt.
 */
public record RuleHistory(List<MeterDigest> meters, List<DeviceEvent> events, List<RuleJournalEntry> journal,
                          Set<String> recentKeys, List<WatchRestart> watches,
                          Map<String, Map<LocalDate, DaySlots.Masks>> routineDays) {

    /**
     * @param from       start of the recovery period: device events by arrival; meter digests from the start
     *                   of its calendar day in {@code zone} (readings by arrival, intervals by their end)
     * @param to         its end, exclusive, for device events; digests and keys read up to the snapshot (a
     *                   reading stored after {@code to} is in them and in the keys, so it is not fed twice)
     * @param recentFrom intervals starting at or after this are listed one by one in each digest
     * @param keysFrom   readings received at or after this are listed by key ({@link #key})
     * @param zone       the zone of calendar days
     */
    public record Request(Instant from, Instant to, Instant recentFrom, Instant keysFrom, ZoneId zone) {
        public Request {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(recentFrom, "recentFrom");
            Objects.requireNonNull(keysFrom, "keysFrom");
            Objects.requireNonNull(zone, "zone");
        }
    }

    public RuleHistory {
        meters = meters == null ? List.of() : List.copyOf(meters);
        events = events == null ? List.of() : List.copyOf(events);
        journal = journal == null ? List.of() : List.copyOf(journal);
        recentKeys = recentKeys == null ? Set.of() : Set.copyOf(recentKeys);
        watches = watches == null ? List.of() : List.copyOf(watches);
        routineDays = routineDays == null ? Map.of() : Map.copyOf(routineDays);
    }

    /** As the canonical constructor, without stored routine days. */
    public RuleHistory(List<MeterDigest> meters, List<DeviceEvent> events, List<RuleJournalEntry> journal,
                       Set<String> recentKeys, List<WatchRestart> watches) {
        this(meters, events, journal, recentKeys, watches, Map.of());
    }

    /** As the canonical constructor, without watch restarts. */
    public RuleHistory(List<MeterDigest> meters, List<DeviceEvent> events, List<RuleJournalEntry> journal,
                       Set<String> recentKeys) {
        this(meters, events, journal, recentKeys, List.of(), Map.of());
    }

    public static RuleHistory empty() {
        return new RuleHistory(List.of(), List.of(), List.of(), Set.of());
    }

    /** Identifies a stored message: ingest's dedup key. */
    public static String key(String deviceId, String msgId) {
        return deviceId + '\u0000' + msgId;
    }
}
