package org.shouwang.model;

import java.time.Instant;

/**
 * What the rules published about one alert: raised (and when), and cleared (when and why) once its
 * condition ended. The rules read it back after a restart so they neither repeat an alert nor forget
 * an open episode. {@code episode} names the condition per device (the rule, or {@code METER_ALARM/LEAK}).
 */
public record RuleJournalEntry(String alertId, Rule rule, String deviceId, String episode, Instant raisedAt,
                               Instant clearedAt, String clearReason) {

    public static RuleJournalEntry raised(Alert alert, String episode) {
        return new RuleJournalEntry(alert.alertId(), alert.rule(), alert.deviceId(), episode, alert.at(), null, null);
    }

    public static RuleJournalEntry cleared(AlertCleared cleared, String episode) {
        return new RuleJournalEntry(cleared.alertId(), cleared.rule(), cleared.deviceId(), episode, null,
                cleared.at(), cleared.detail());
    }

    public boolean isClear() {
        return clearedAt != null;
    }
}
