package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleJournalEntry;

/**
 * What the rules published: a row per alert id, its clear noted on it. Writing twice is harmless (a
 * restart may publish a raise or clear again). Blocking JDBC.
 */
public final class RuleJournalStore {

    private static final String COLUMNS = "alert_id, rule, device_id, episode, raised_at, cleared_at, clear_reason";

    private static final String SINCE = "SELECT " + COLUMNS + " FROM rule_alert WHERE raised_at >= ?"
            + " OR cleared_at IS NULL OR cleared_at >= ? ORDER BY raised_at, alert_id";

    private final Jdbc jdbc;

    public RuleJournalStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Keeps a raise (once per alert id) or the clear of a raised alert (the first clear wins). */
    public void record(RuleJournalEntry e) {
        if (e.isClear()) {
            jdbc.update("UPDATE rule_alert SET cleared_at = ?, clear_reason = ? WHERE alert_id = ? AND cleared_at IS NULL",
                    e.clearedAt(), e.clearReason(), e.alertId());
        } else {
            jdbc.update("INSERT INTO rule_alert (alert_id, rule, device_id, episode, raised_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (alert_id) DO NOTHING", e.alertId(), e.rule(), e.deviceId(), e.episode(), e.raisedAt());
        }
    }

    /** Alerts raised or cleared since {@code from}, and every alert still open however old. */
    public List<RuleJournalEntry> since(Instant from) {
        return jdbc.list(SINCE, RuleJournalStore::entry, from, from);
    }

    /** As {@link #since(Instant)}, within the caller's transaction. */
    static List<RuleJournalEntry> since(java.sql.Connection c, Instant from) throws SQLException {
        return Jdbc.list(c, SINCE, RuleJournalStore::entry, from, from);
    }

    private static RuleJournalEntry entry(ResultSet rs) throws SQLException {
        return new RuleJournalEntry(rs.getString("alert_id"), Rule.valueOf(rs.getString("rule")),
                rs.getString("device_id"), rs.getString("episode"), Jdbc.instant(rs, "raised_at"),
                Jdbc.instant(rs, "cleared_at"), rs.getString("clear_reason"));
    }
}
