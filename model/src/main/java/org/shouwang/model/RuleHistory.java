package org.shouwang.model;

import java.util.List;

/**
 * What the database holds for the rules to rebuild their state after a restart: the telemetry and device
 * events received in the recovery period (by arrival), and the journal of the alerts the rules
 * published in that period plus those still open from before.
 */
public record RuleHistory(List<Telemetry> telemetry, List<DeviceEvent> events, List<RuleJournalEntry> journal) {

    public RuleHistory {
        telemetry = telemetry == null ? List.of() : List.copyOf(telemetry);
        events = events == null ? List.of() : List.copyOf(events);
        journal = journal == null ? List.of() : List.copyOf(journal);
    }

    public static RuleHistory empty() {
        return new RuleHistory(List.of(), List.of(), List.of());
    }
}
