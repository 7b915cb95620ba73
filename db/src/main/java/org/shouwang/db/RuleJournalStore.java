package org.shouwang.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouwang.model.IncidentResolution;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.WatchRestart;

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

    /** Keeps a watch restart; writing it again is harmless. */
    public void record(WatchRestart w) {
        jdbc.update("INSERT INTO rule_watch (device_id, rule, at, reason) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                w.deviceId(), w.rule(), w.at(), w.reason());
    }

    /**
     * The watch restarts kept since {@code from}, and the resolutions the rules may not have been told of: an
     * episode the journal lists as open whose alert's incident was resolved after it was raised (the platform
     * stopped between the resolution's commit and the rules hearing of it). In time order.
     */
    static List<WatchRestart> watchesSince(Connection c, Instant from) throws SQLException {
        return Jdbc.list(c, "SELECT device_id, rule, at, reason FROM rule_watch WHERE at >= ?"
                + " UNION SELECT ra.device_id, ra.rule, i.resolved_at, 'RESOLVED' FROM rule_alert ra"
                + " JOIN incident_alert ia ON ia.alert_id = ra.alert_id JOIN incident i ON i.id = ia.incident_id"
                + " WHERE ra.cleared_at IS NULL AND i.state = 'RESOLVED' AND i.resolved_at >= ra.raised_at"
                + " ORDER BY 3, 1, 2", rs -> new WatchRestart(rs.getString("device_id"), Rule.valueOf(rs.getString("rule")),
                        Jdbc.instant(rs, "at"), WatchRestart.Reason.valueOf(rs.getString("reason"))), from);
    }

    /**
     * The resolution of an incident as the rules need it: when, and the ids of the alerts it holds; empty while
     * it is not resolved.
     */
    public Optional<IncidentResolution> resolution(long incidentId) {
        return jdbc.inTransaction(c -> {
            Optional<Instant> at = Jdbc.one(c, "SELECT resolved_at FROM incident WHERE id = ? AND state = 'RESOLVED'",
                    rs -> Jdbc.instant(rs, "resolved_at"), incidentId);
            if (at.isEmpty()) {
                return Optional.<IncidentResolution>empty();
            }
            return Optional.of(new IncidentResolution(at.get(), Jdbc.list(c,
                    "SELECT alert_id FROM incident_alert WHERE incident_id = ? ORDER BY alert_id", r -> r.getString(1),
                    incidentId)));
        });
    }

    private static RuleJournalEntry entry(ResultSet rs) throws SQLException {
        return new RuleJournalEntry(rs.getString("alert_id"), Rule.valueOf(rs.getString("rule")),
                rs.getString("device_id"), rs.getString("episode"), Jdbc.instant(rs, "raised_at"),
                Jdbc.instant(rs, "cleared_at"), rs.getString("clear_reason"));
    }
}
