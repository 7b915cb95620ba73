package org.shouwang.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.Telemetry;

/** What the database would hold for the rules, in memory: stored messages, the context, the alert journal. */
final class MemoryRuleStore implements RuleContextSource {

    final List<Telemetry> telemetry = new ArrayList<>();
    final List<DeviceEvent> events = new ArrayList<>();
    final Map<String, RuleJournalEntry> journal = new LinkedHashMap<>();
    RuleContext context = RuleContext.empty();

    @Override
    public synchronized RuleContext context(Instant now) {
        return context;
    }

    @Override
    public synchronized RuleHistory history(Instant from, Instant to) {
        return new RuleHistory(
                telemetry.stream().filter(t -> within(t.receivedAt(), from, to)).toList(),
                events.stream().filter(e -> within(e.receivedAt(), from, to)).toList(),
                journal.values().stream().filter(j -> j.clearedAt() == null || !j.clearedAt().isBefore(from)
                        || !j.raisedAt().isBefore(from)).toList());
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
}
