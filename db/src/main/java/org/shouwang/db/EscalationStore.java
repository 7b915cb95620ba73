package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;

/**
 * Escalation state per incident, so a clock-driven runner (on any instance, after any restart) knows
 * which step is due when. Moves are conditional on the state the caller read: two runners never run
 * one step twice. Blocking JDBC: worker threads only.
 */
public final class EscalationStore {

    private static final String COLUMNS = "incident_id, plan, next_step, next_round, due_at, active, stop_reason,"
            + " stopped_at, unreached_at";

    private final Jdbc jdbc;

    public EscalationStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Starts an incident's escalation at step 0; false when it already has one (a repeat changes nothing). */
    public boolean start(long incidentId, String plan, Instant dueAt) {
        return jdbc.update("INSERT INTO escalation (incident_id, plan, next_step, next_round, due_at)"
                + " VALUES (?, ?, 0, 0, ?) ON CONFLICT (incident_id) DO NOTHING", incidentId, plan, dueAt) == 1;
    }

    public Optional<Escalation> find(long incidentId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM escalation WHERE incident_id = ?", EscalationStore::escalation,
                incidentId);
    }

    /** Active escalations whose next step is due at {@code now}, earliest first. */
    public List<Escalation> due(Instant now, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM escalation WHERE active AND due_at <= ? ORDER BY due_at,"
                + " incident_id LIMIT ?", EscalationStore::escalation, now, limit);
    }

    /**
     * Moves an escalation from the step the caller read to the next one ({@code nextDue} {@code null}: no
     * more). False when it moved meanwhile or was stopped: another runner took this step.
     */
    public boolean advance(Escalation read, int nextStep, int nextRound, Instant nextDue) {
        return jdbc.update("UPDATE escalation SET next_step = ?, next_round = ?, due_at = ?, updated_at = now()"
                + " WHERE incident_id = ? AND active AND next_step = ? AND next_round = ? AND due_at = ?",
                nextStep, nextRound, nextDue, read.incidentId(), read.nextStep(), read.nextRound(), read.dueAt()) == 1;
    }

    /** Moves the due time of the step the caller read (quiet hours); false when it moved meanwhile. */
    public boolean reschedule(Escalation read, Instant dueAt) {
        return jdbc.update("UPDATE escalation SET due_at = ?, updated_at = now() WHERE incident_id = ? AND active"
                + " AND next_step = ? AND next_round = ? AND due_at = ?", dueAt, read.incidentId(), read.nextStep(),
                read.nextRound(), read.dueAt()) == 1;
    }

    /**
     * Brings the next step forward to {@code now} when it is a later step than {@code afterStep} and not
     * yet due; a repeat of the same step keeps its interval. True when it moved.
     */
    public boolean pullForward(long incidentId, int afterStep, Instant now) {
        return jdbc.update("UPDATE escalation SET due_at = ?, updated_at = now() WHERE incident_id = ? AND active"
                + " AND next_step > ? AND due_at > ?", now, incidentId, afterStep, now) == 1;
    }

    /**
     * As {@link #pullForward}, only while the step right after {@code afterStep} has not run yet: when
     * several failures of one round report it at once, the next step is brought forward once, not run
     * again as its repeat.
     */
    public boolean pullForwardNext(long incidentId, int afterStep, Instant now) {
        return jdbc.update("UPDATE escalation SET due_at = ?, updated_at = now() WHERE incident_id = ? AND active"
                + " AND next_step = ? AND next_round = 0 AND due_at > ?", now, incidentId, afterStep + 1, now) == 1;
    }

    /** Stops an escalation for good; false when it was stopped already (or never started). */
    public boolean stop(long incidentId, String reason, Instant at) {
        return jdbc.update("UPDATE escalation SET active = false, due_at = NULL, stop_reason = ?, stopped_at = ?,"
                + " updated_at = now() WHERE incident_id = ? AND active", reason, at, incidentId) == 1;
    }

    /**
     * Starts a stopped escalation again where it stopped, due at {@code dueAt}, if it stopped for
     * {@code reason} (a cleared condition that came back); false otherwise.
     */
    public boolean resume(long incidentId, String reason, Instant dueAt) {
        return jdbc.update("UPDATE escalation SET active = true, due_at = ?, stop_reason = NULL, stopped_at = NULL,"
                + " updated_at = now() WHERE incident_id = ? AND NOT active AND stop_reason = ?", dueAt, incidentId,
                reason) == 1;
    }

    /** Flags that a round reached nobody; false when that round had flagged it already. */
    public boolean markUnreached(long incidentId, String round, Instant at) {
        return jdbc.update("UPDATE escalation SET unreached_at = ?, unreached_round = ?, updated_at = now()"
                + " WHERE incident_id = ? AND unreached_round IS DISTINCT FROM ?", at, round, incidentId, round) == 1;
    }

    /** Lowers the flag once a page reached someone again; false when it was not raised. */
    public boolean clearUnreached(long incidentId) {
        return jdbc.update("UPDATE escalation SET unreached_at = NULL, updated_at = now() WHERE incident_id = ?"
                + " AND unreached_at IS NOT NULL", incidentId) == 1;
    }

    /** Ids of incidents not yet resolved whose latest round of pages reached nobody (shown in red). */
    public Set<Long> unreachedUnresolved() {
        return new HashSet<>(jdbc.list("SELECT e.incident_id FROM escalation e JOIN incident i ON i.id = e.incident_id"
                + " WHERE e.unreached_at IS NOT NULL AND i.state <> 'RESOLVED'", rs -> rs.getLong(1)));
    }

    /** The incident a cleared condition refers to: the unresolved one of this device's elder and rule. */
    public Optional<Long> unresolvedIncidentOf(String deviceId, Rule rule) {
        return jdbc.one("SELECT i.id FROM incident i JOIN device d ON d.elder_id = i.elder_id WHERE d.device_id = ?"
                + " AND i.rule = ? AND i.state <> 'RESOLVED'", rs -> rs.getLong(1), deviceId, rule);
    }

    /** Unresolved technical incidents, by street, community and age: the maintenance list. */
    public List<EscalationMaintenanceItem> maintenanceList() {
        return jdbc.list("SELECT i.id, i.code, i.rule, i.device_id, i.elder_id, e.street, e.community, i.state,"
                + " i.opened_at FROM incident i JOIN elder e ON e.id = i.elder_id WHERE i.severity = 'TECHNICAL'"
                + " AND i.state <> 'RESOLVED' ORDER BY e.street, e.community, i.opened_at, i.id",
                rs -> new EscalationMaintenanceItem(rs.getLong("id"), rs.getString("code"),
                        Rule.valueOf(rs.getString("rule")), rs.getString("device_id"), rs.getLong("elder_id"),
                        rs.getString("street"), rs.getString("community"), IncidentState.valueOf(rs.getString("state")),
                        Jdbc.instant(rs, "opened_at")));
    }

    static Escalation escalation(ResultSet rs) throws SQLException {
        return new Escalation(rs.getLong("incident_id"), rs.getString("plan"), rs.getInt("next_step"),
                rs.getInt("next_round"), Jdbc.instant(rs, "due_at"), rs.getBoolean("active"),
                rs.getString("stop_reason"), Jdbc.instant(rs, "stopped_at"), Jdbc.instant(rs, "unreached_at"));
    }
}
