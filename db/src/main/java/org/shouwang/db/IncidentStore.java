package org.shouwang.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouwang.model.Alert;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;
import org.shouwang.model.TimelineEntry;

/**
 * Incidents and their timelines. Enforces one active incident per (elder, rule) with a partial unique
 * index and drops repeated alerts by their id, so a redelivered message never opens a second case.
 * Blocking JDBC: call it from a worker thread.
 */
public final class IncidentStore {

    private static final String COLUMNS = "id, code, elder_id, rule, severity, state, opened_at, acknowledged_at,"
            + " acknowledged_by, resolved_at, resolved_by, outcome";

    private final Jdbc jdbc;

    public IncidentStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Records an alert for an elder: opens an incident, attaches to the active one, or recognises a repeat. */
    public AlertRecording recordAlert(long elderId, Alert alert) {
        return jdbc.inTransaction(c -> {
            Optional<Long> known = Jdbc.one(c, "SELECT incident_id FROM incident_alert WHERE alert_id = ?",
                    rs -> rs.getLong(1), alert.alertId());
            if (known.isPresent()) {
                return new AlertRecording(find(c, known.get()).orElseThrow(), AlertRecording.Outcome.DUPLICATE);
            }
            Optional<Incident> active = active(c, elderId, alert.rule());
            AlertRecording.Outcome outcome = AlertRecording.Outcome.ATTACHED;
            Incident incident;
            if (active.isPresent()) {
                incident = active.get();
            } else {
                Optional<Incident> opened = tryOpen(c, elderId, alert);
                outcome = opened.isPresent() ? AlertRecording.Outcome.OPENED : AlertRecording.Outcome.ATTACHED;
                // Lost a race with a concurrent alert for the same (elder, rule): attach to its incident.
                incident = opened.isPresent() ? opened.get() : active(c, elderId, alert.rule()).orElseThrow();
            }
            Jdbc.update(c, "INSERT INTO incident_alert (alert_id, incident_id, at, detail) VALUES (?, ?, ?, ?)",
                    alert.alertId(), incident.id(), alert.at(), alert.detail());
            String kind = outcome == AlertRecording.Outcome.OPENED ? "ALERT_RAISED" : "ALERT_REPEATED";
            appendTimeline(c, incident.id(), alert.at(), kind, "system", alert.rule().label()
                    + (alert.detail() == null ? "" : "：" + alert.detail()));
            return new AlertRecording(incident, outcome);
        });
    }

    private Optional<Incident> tryOpen(Connection c, long elderId, Alert alert) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            Optional<Incident> opened = Jdbc.one(c, "INSERT INTO incident (elder_id, device_id, rule, severity, state,"
                    + " opened_at) VALUES (?, ?, ?, ?, 'OPEN', ?) RETURNING " + COLUMNS, IncidentStore::incident,
                    elderId, alert.deviceId(), alert.rule(), alert.severity(), alert.at());
            c.releaseSavepoint(sp);
            return opened;
        } catch (SQLException e) {
            if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(sp);
            return Optional.empty();
        }
    }

    /**
     * The active incident, locked until the alert's transaction ends: a resolve either committed first (the
     * row, re-read under the lock, no longer qualifies and the alert opens a new incident) or waits until
     * the alert is attached, so an alert never lands on an incident in the middle of being closed.
     */
    private static Optional<Incident> active(Connection c, long elderId, Rule rule) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM incident WHERE elder_id = ? AND rule = ? AND state <> 'RESOLVED'"
                + " FOR UPDATE", IncidentStore::incident, elderId, rule);
    }

    /** The ids of the alerts attached to an incident, first first. */
    public List<String> alertIds(long incidentId) {
        return jdbc.list("SELECT alert_id FROM incident_alert WHERE incident_id = ? ORDER BY at, alert_id",
                rs -> rs.getString(1), incidentId);
    }

    public Optional<Incident> find(long id) {
        return jdbc.inTransaction(c -> find(c, id));
    }

    private static Optional<Incident> find(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM incident WHERE id = ?", IncidentStore::incident, id);
    }

    public Optional<Incident> findByCode(String code) {
        return jdbc.one("SELECT " + COLUMNS + " FROM incident WHERE code = ?", IncidentStore::incident, code);
    }

    /** Incidents in a state, most severe and oldest first (the order staff work them). */
    public List<Incident> list(IncidentState state, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM incident WHERE state = ? ORDER BY"
                + " CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END,"
                + " opened_at, id LIMIT ?", IncidentStore::incident, state, limit);
    }

    /** How many incidents are open and how many acknowledged (resolved ones are not counted); for the gauges. */
    public Map<IncidentState, Long> countUnresolved() {
        Map<IncidentState, Long> counts = new EnumMap<>(IncidentState.class);
        counts.put(IncidentState.OPEN, 0L);
        counts.put(IncidentState.ACKNOWLEDGED, 0L);
        jdbc.list("SELECT state, count(*) AS n FROM incident WHERE state <> 'RESOLVED' GROUP BY state",
                rs -> Map.entry(IncidentState.valueOf(rs.getString("state")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Moves an open incident to acknowledged; a second acknowledgement changes nothing. */
    public Transition acknowledge(long id, String actor, String via, Instant at) {
        return acknowledge(id, actor, via, at, null);
    }

    /**
     * As {@link #acknowledge(long, String, String, Instant)}, by answering the page {@code notificationId}
     * (null: not by a page); that page is remembered with the change, in the same transaction.
     */
    public Transition acknowledge(long id, String actor, String via, Instant at, Long notificationId) {
        return transition(id, "UPDATE incident SET state = 'ACKNOWLEDGED', acknowledged_at = ?,"
                + " acknowledged_by = ? WHERE id = ? AND state = 'OPEN' RETURNING " + COLUMNS, "ACKNOWLEDGED", actor, via,
                at, c -> {
                    if (notificationId != null) {
                        Jdbc.update(c, "INSERT INTO incident_acknowledger (incident_id, notification_id, at)"
                                + " VALUES (?, ?, ?) ON CONFLICT (incident_id) DO NOTHING", id, notificationId, at);
                    }
                }, at, actor, id);
    }

    /** The page whose answer acknowledged the incident, if it was acknowledged by answering one. */
    public Optional<Long> acknowledgingPage(long incidentId) {
        return jdbc.one("SELECT notification_id FROM incident_acknowledger WHERE incident_id = ?", rs -> rs.getLong(1),
                incidentId);
    }

    /** Closes an open or acknowledged incident with an outcome, whatever alerts it holds. */
    public Transition resolve(long id, String actor, String outcome, Instant at) {
        return resolve(id, actor, outcome, at, null);
    }

    /**
     * Closes an open or acknowledged incident with an outcome, if it holds no more than {@code alertsSeen} alerts
     * (null: any number). The row is locked before counting and an alert attaches under the same lock
     * ({@link #recordAlert}), so an alert either lands before this count, and the resolve is {@code STALE} when
     * the asker had not seen it, or waits and then opens a new incident: it never lands unseen on a closed case.
     */
    public Transition resolve(long id, String actor, String outcome, Instant at, Integer alertsSeen) {
        return jdbc.inTransaction(c -> {
            Optional<Incident> before = Jdbc.one(c, "SELECT " + COLUMNS + " FROM incident WHERE id = ? FOR UPDATE",
                    IncidentStore::incident, id);
            if (before.isEmpty()) {
                return new Transition(null, Transition.Result.NOT_FOUND);
            }
            int alerts = Jdbc.one(c, "SELECT count(*) FROM incident_alert WHERE incident_id = ?", rs -> rs.getInt(1),
                    id).orElse(0);
            if (before.get().state() == IncidentState.RESOLVED) {
                return new Transition(before.get(), Transition.Result.NOT_ALLOWED, alerts);
            }
            if (alertsSeen != null && alerts > alertsSeen) {
                return new Transition(before.get(), Transition.Result.STALE, alerts);
            }
            Incident after = Jdbc.one(c, "UPDATE incident SET state = 'RESOLVED', resolved_at = ?, resolved_by = ?,"
                    + " outcome = ? WHERE id = ? RETURNING " + COLUMNS, IncidentStore::incident, at, actor, outcome, id)
                    .orElseThrow();
            appendTimeline(c, id, at, "RESOLVED", actor, outcome);
            return new Transition(after, Transition.Result.DONE, alerts);
        });
    }

    /**
     * A responder reached the elder's door ({@code via}: console or sms). Every arrival goes on the timeline; the
     * first is kept on the incident (arrived_at/by) for the response figures. An arrival at an incident nobody
     * had taken takes it too (the person at the door has it), so its paging stops. NOT_ALLOWED once resolved.
     */
    public Transition arrive(long id, String actor, String via, Instant at) {
        return jdbc.inTransaction(c -> {
            Optional<Incident> before = Jdbc.one(c, "SELECT " + COLUMNS + " FROM incident WHERE id = ? FOR UPDATE",
                    IncidentStore::incident, id);
            if (before.isEmpty()) {
                return new Transition(null, Transition.Result.NOT_FOUND);
            }
            if (before.get().state() == IncidentState.RESOLVED) {
                return new Transition(before.get(), Transition.Result.NOT_ALLOWED);
            }
            Incident after = Jdbc.one(c, "UPDATE incident SET state = 'ACKNOWLEDGED',"
                    + " acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by = coalesce(acknowledged_by, ?),"
                    + " arrived_at = coalesce(arrived_at, ?), arrived_by = coalesce(arrived_by, ?) WHERE id = ?"
                    + " RETURNING " + COLUMNS, IncidentStore::incident, at, actor, at, actor, id).orElseThrow();
            if (before.get().state() == IncidentState.OPEN) {
                appendTimeline(c, id, at, "ACKNOWLEDGED", actor, via);
            }
            appendTimeline(c, id, at, "ARRIVED", actor, via);
            return new Transition(after, Transition.Result.DONE);
        });
    }

    /** When and by whom a responder first reached the door, if anyone did. */
    public Optional<Map.Entry<Instant, String>> arrival(long incidentId) {
        return jdbc.one("SELECT arrived_at, arrived_by FROM incident WHERE id = ? AND arrived_at IS NOT NULL",
                rs -> Map.entry(Jdbc.instant(rs, "arrived_at"), rs.getString("arrived_by")), incidentId);
    }

    /**
     * Response figures of the incidents opened with {@code from <= opened_at < to} for the elders of {@code street}
     * (null: every street), limited to {@code communities} when not null. Counts the incidents that ask people to
     * respond: device faults (TECHNICAL) and a missed routine contact (CONTACT_OVERDUE, a case for the community
     * worker, never a page) are left out.
     */
    public ResponseFigures responseFigures(String street, List<String> communities, Instant from, Instant to) {
        return jdbc.inTransaction(c -> Jdbc.one(c, "SELECT count(*) AS incidents,"
                + " count(i.acknowledged_at) AS acknowledged, count(i.arrived_at) AS arrived,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.acknowledged_at - i.opened_at))"
                + " AS ack_median,"
                + " percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.acknowledged_at - i.opened_at))"
                + " AS ack_p90,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.arrived_at - i.acknowledged_at))"
                + " AS arrival_median,"
                + " percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.arrived_at - i.acknowledged_at))"
                + " AS arrival_p90"
                + " FROM incident i JOIN elder e ON e.id = i.elder_id WHERE i.opened_at >= ? AND i.opened_at < ?"
                + " AND i.severity <> 'TECHNICAL' AND i.rule <> 'CONTACT_OVERDUE'"
                + " AND (?::text IS NULL OR e.street = ?::text) AND (?::text[] IS NULL OR e.community = ANY(?::text[]))",
                rs -> new ResponseFigures(rs.getInt("incidents"), rs.getInt("acknowledged"),
                        seconds(rs, "ack_median"), seconds(rs, "ack_p90"), rs.getInt("arrived"),
                        seconds(rs, "arrival_median"), seconds(rs, "arrival_p90")),
                from, to, street, street, communities == null ? null : c.createArrayOf("text", communities.toArray()),
                communities == null ? null : c.createArrayOf("text", communities.toArray())).orElseThrow());
    }

    private static Duration seconds(ResultSet rs, String column) throws SQLException {
        double s = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis(Math.round(s * 1000));
    }

    /** More to write in a transition's transaction once the incident changed. */
    private interface AlsoWrite {
        void write(Connection c) throws SQLException;
    }

    private Transition transition(long id, String sql, String kind, String actor, String detail, Instant at,
                                  AlsoWrite also, Object... args) {
        return jdbc.inTransaction(c -> {
            Optional<Incident> changed = Jdbc.one(c, sql, IncidentStore::incident, args);
            if (changed.isPresent()) {
                appendTimeline(c, id, at, kind, actor, detail);
                also.write(c);
                return new Transition(changed.get(), Transition.Result.DONE);
            }
            return find(c, id).map(i -> new Transition(i, Transition.Result.NOT_ALLOWED))
                    .orElse(new Transition(null, Transition.Result.NOT_FOUND));
        });
    }

    public void addTimeline(long incidentId, Instant at, String kind, String actor, String detail) {
        jdbc.inTransaction(c -> {
            appendTimeline(c, incidentId, at, kind, actor, detail);
            return null;
        });
    }

    public List<TimelineEntry> timeline(long incidentId) {
        return jdbc.list("SELECT id, incident_id, at, kind, actor, detail FROM incident_event WHERE incident_id = ?"
                + " ORDER BY at, id", rs -> new TimelineEntry(rs.getLong("id"), rs.getLong("incident_id"),
                Jdbc.instant(rs, "at"), rs.getString("kind"), rs.getString("actor"), rs.getString("detail")), incidentId);
    }

    private static void appendTimeline(Connection c, long incidentId, Instant at, String kind, String actor,
                                       String detail) throws SQLException {
        Jdbc.update(c, "INSERT INTO incident_event (incident_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)",
                incidentId, at, kind, actor, detail);
    }

    static Incident incident(ResultSet rs) throws SQLException {
        return new Incident(rs.getLong("id"), rs.getString("code"), rs.getLong("elder_id"),
                Rule.valueOf(rs.getString("rule")), Severity.valueOf(rs.getString("severity")),
                IncidentState.valueOf(rs.getString("state")), Jdbc.instant(rs, "opened_at"),
                Jdbc.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), Jdbc.instant(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getString("outcome"));
    }
}
