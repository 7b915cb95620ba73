package org.shouwang.console;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.shouwang.db.Account;
import org.shouwang.db.AccountRole;
import org.shouwang.db.Jdbc;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DaySlots;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;
import org.shouwang.model.UploadCadence;

/**
 * The read queries only the console needs, each filtered by the signed-in person's scope in SQL (so a
 * list never even loads another community's elders): the incident queue with its elders, the pages sent
 * for incidents, elder search, device health, hourly water use for the chart, and what the routine chart learns
 * from (a meter's quarter-hour days, last use and watch restarts). Blocking JDBC.
 */
final class ConsoleQueries {

    /** Incident and elder columns of a queue row. */
    private static final String QUEUE = "SELECT i.id, i.code, i.elder_id, i.rule, i.severity, i.state, i.opened_at,"
            + " i.acknowledged_at, i.acknowledged_by, i.resolved_at, i.resolved_by, i.outcome,"
            + " e.name, e.id_number, e.street, e.community, e.address, e.phone, e.active,"
            + " x.unreached_at IS NOT NULL AS unreached,"
            + " (SELECT count(*) FROM incident_alert a WHERE a.incident_id = i.id) AS alerts"
            + " FROM incident i JOIN elder e ON e.id = i.elder_id LEFT JOIN escalation x ON x.incident_id = i.id";
    /** The scope as SQL on alias {@code e}: street (null = all), communities (null = all of the street). */
    private static final String SCOPE = " (?::text IS NULL OR e.street = ?::text)"
            + " AND (?::text[] IS NULL OR e.community = ANY(?::text[]))";
    private static final String SEVERITY_ORDER = " CASE i.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1"
            + " WHEN 'MEDIUM' THEN 2 ELSE 3 END";

    /**
     * An incident with its elder; {@code unreached} while the escalation's latest round of pages reached
     * nobody (the queue shows it in red); {@code alerts}, how many alerts it holds (the console sends it back on
     * resolving, so an alert that arrived meanwhile is seen before the case is closed).
     */
    record QueueRow(Incident incident, Elder elder, boolean unreached, int alerts) {
    }

    /** One page sent (or being sent) for an incident, with whom it was for; never the number it went to. */
    record Page(long incidentId, String channel, String status, String deliveryStatus, Instant createdAt,
                Instant sentAt, Instant deliveryAt, String contactName, ContactRole role, String audience) {
    }

    /** A device with its last known condition and its elder's name and place. */
    /** @param cadence a carrier meter's expected upload cadence; null for a device judged by the defaults */
    record DeviceRow(String deviceId, DeviceKind kind, long elderId, boolean active, Instant installedAt,
                     Instant lastSeenAt, Integer battery, Integer rssi, Boolean online, String elderName,
                     String street, String community, UploadCadence cadence) {

        DeviceRow(String deviceId, DeviceKind kind, long elderId, boolean active, Instant installedAt,
                  Instant lastSeenAt, Integer battery, Integer rssi, Boolean online, String elderName, String street,
                  String community) {
            this(deviceId, kind, elderId, active, installedAt, lastSeenAt, battery, rssi, online, elderName, street,
                    community, null);
        }

        /** When the next upload is due; null without a cadence or before the first upload. */
        Instant nextUploadDue() {
            return cadence == null || lastSeenAt == null ? null : lastSeenAt.plus(cadence.interval());
        }
    }

    /** Litres used in one hour. */
    record HourlyUse(Instant hour, double liters) {
    }

    /** The end of a meter's last use of water and of its last interval; either null when there is none. */
    record MeterUse(Instant lastWetEnd, Instant coveredUntil) {
    }

    private final Jdbc jdbc;

    ConsoleQueries(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** The queue of one state within the scope: open and acknowledged by severity then age, resolved newest first. */
    List<QueueRow> queue(Account scope, IncidentState state, int limit) {
        String order = state == IncidentState.RESOLVED ? " ORDER BY i.resolved_at DESC, i.id DESC"
                : " ORDER BY" + SEVERITY_ORDER + ", i.opened_at, i.id";
        return jdbc.inTransaction(c -> Jdbc.list(c, QUEUE + " WHERE i.state = ? AND" + SCOPE + order + " LIMIT ?",
                ConsoleQueries::queueRow, args(c, scope, state, limit)));
    }

    /** One incident with its elder, whatever the scope (the caller checks it). */
    Optional<QueueRow> incident(long id) {
        return jdbc.one(QUEUE + " WHERE i.id = ?", ConsoleQueries::queueRow, id);
    }

    /** The elder's incidents that are not resolved yet. */
    List<QueueRow> activeIncidentsOf(long elderId) {
        return jdbc.list(QUEUE + " WHERE i.elder_id = ? AND i.state <> 'RESOLVED' ORDER BY" + SEVERITY_ORDER
                + ", i.opened_at", ConsoleQueries::queueRow, elderId);
    }

    /** The elder's incidents opened with {@code from <= opened_at < to}, newest first, whatever their state. */
    List<Incident> incidentsOf(long elderId, Instant from, Instant to) {
        return jdbc.list(QUEUE + " WHERE i.elder_id = ? AND i.opened_at >= ? AND i.opened_at < ?"
                + " ORDER BY i.opened_at DESC, i.id DESC", rs -> queueRow(rs).incident(), elderId, from, to);
    }

    /** The elders of {@code street} (null: all), of {@code communities} when not null, active or not, by id. */
    Map<Long, Elder> eldersIn(String street, List<String> communities) {
        Map<Long, Elder> out = new HashMap<>();
        jdbc.inTransaction(c -> {
            Object array = communities == null ? null : c.createArrayOf("text", communities.toArray());
            return Jdbc.list(c, "SELECT e.id, e.name, e.id_number, e.street, e.community, e.address, e.phone, e.active"
                    + " FROM elder e WHERE" + SCOPE, rs -> out.put(rs.getLong("id"), elder(rs)), street, street, array,
                    array);
        });
        return out;
    }

    /** Every page of the given incidents, in the order they were written. */
    List<Page> pages(List<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(c -> Jdbc.list(c, "SELECT n.incident_id, n.channel, n.status, n.delivery_status,"
                        + " n.created_at, n.sent_at, n.delivery_at, n.audience, cc.name, cc.role FROM notification n"
                        + " LEFT JOIN care_contact cc ON cc.id = n.contact_id WHERE n.incident_id = ANY(?) ORDER BY n.id",
                rs -> new Page(rs.getLong("incident_id"), rs.getString("channel"), rs.getString("status"),
                        rs.getString("delivery_status"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "sent_at"),
                        Jdbc.instant(rs, "delivery_at"), rs.getString("name"),
                        rs.getString("role") == null ? null : ContactRole.valueOf(rs.getString("role")),
                        rs.getString("audience")),
                c.createArrayOf("bigint", incidentIds.toArray())));
    }

    /** Elders within the scope whose name, community or address contains the text (all when blank). */
    List<Elder> searchElders(Account scope, String text, boolean includeInactive, int limit) {
        String like = "%" + (text == null ? "" : text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                + "%";
        return jdbc.inTransaction(c -> Jdbc.list(c, "SELECT e.id, e.name, e.id_number, e.street, e.community,"
                        + " e.address, e.phone, e.active FROM elder e WHERE" + SCOPE
                        + " AND (e.name LIKE ? OR e.community LIKE ? OR e.address LIKE ?) AND (e.active OR ?)"
                        + " ORDER BY e.street, e.community, e.name, e.id LIMIT ?",
                ConsoleQueries::elder, concat(scopeArgs(c, scope), like, like, like, includeInactive, limit)));
    }

    /** Devices within the scope (active ones, or every one), with their elder. */
    List<DeviceRow> devices(Account scope, boolean includeInactive, int limit) {
        return jdbc.inTransaction(c -> Jdbc.list(c, DEVICES + " WHERE" + SCOPE + " AND (d.active OR ?)"
                        + " ORDER BY d.last_seen_at NULLS FIRST, d.device_id LIMIT ?", ConsoleQueries::device,
                concat(scopeArgs(c, scope), includeInactive, limit)));
    }

    /** The devices of one elder, active or not. */
    List<DeviceRow> devicesOf(long elderId) {
        return jdbc.list(DEVICES + " WHERE d.elder_id = ? ORDER BY d.device_id", ConsoleQueries::device, elderId);
    }

    /** Litres per hour used in the elder's home between the two instants; hours without use are absent. */
    List<HourlyUse> hourlyUse(long elderId, Instant from, Instant to) {
        return jdbc.list(HOURLY + " JOIN device d ON d.device_id = w.device_id WHERE d.elder_id = ? AND w.start_ts >= ?"
                + " AND w.start_ts < ? GROUP BY 1 ORDER BY 1", ConsoleQueries::hourly, elderId, from, to);
    }

    /** The same for one meter. Hours of UTC and of Asia/Shanghai begin together (UTC+8). */
    List<HourlyUse> hourlyUseOfMeter(String deviceId, Instant from, Instant to) {
        return jdbc.list(HOURLY + " WHERE w.device_id = ? AND w.start_ts >= ? AND w.start_ts < ? GROUP BY 1 ORDER BY 1",
                ConsoleQueries::hourly, deviceId, from, to);
    }

    /** The elder's active water meter, the one heard from last when there are several. */
    Optional<String> waterMeterOf(long elderId) {
        return jdbc.one("SELECT device_id FROM device WHERE elder_id = ? AND kind = 'WATER_METER' AND active"
                + " ORDER BY last_seen_at DESC NULLS LAST, installed_at DESC, device_id LIMIT 1", rs -> rs.getString(1),
                elderId);
    }

    /** The meter's quarter-hour days (V18) from {@code first} on, as the rules learn from them. */
    Map<LocalDate, DaySlots.Masks> meterDays(String deviceId, LocalDate first) {
        Map<LocalDate, DaySlots.Masks> out = new TreeMap<>();
        jdbc.list("SELECT day, covered_slots::text AS covered, wet_slots::text AS wet FROM rules_meter_day"
                        + " WHERE device_id = ? AND day >= ?",
                rs -> out.put(rs.getObject("day", LocalDate.class),
                        DaySlots.Masks.ofBits(rs.getString("covered"), rs.getString("wet"))), deviceId, first);
        return out;
    }

    /**
     * Of the meter's intervals starting in {@code [from, to)}: the latest end of one that used water
     * ({@link DaySlots#WET_LITERS} or more) and the latest end of any (how far its data covers time); null for none.
     */
    MeterUse meterUse(String deviceId, Instant from, Instant to) {
        return jdbc.one("SELECT max(end_ts) FILTER (WHERE liters >= ?) AS last_wet, max(end_ts) AS covered"
                        + " FROM water_use WHERE device_id = ? AND start_ts >= ? AND start_ts < ? AND end_ts <= ?",
                rs -> new MeterUse(Jdbc.instant(rs, "last_wet"), Jdbc.instant(rs, "covered")),
                DaySlots.WET_LITERS, deviceId, from, to, to).orElse(new MeterUse(null, null));
    }

    /**
     * The latest instant up to {@code at} from which the rules restarted the learned watch of the meter (an incident
     * resolved, or its data back after a gap: {@code rule_watch}, as {@code RuleEngine.restartWatch} applies them).
     */
    Optional<Instant> routineWatchFrom(String deviceId, Instant at) {
        return jdbc.one("SELECT at FROM rule_watch WHERE device_id = ? AND at <= ?"
                        + " AND (rule = 'ROUTINE_BREAK' OR (rule = 'NO_WATER_USE' AND reason = 'DATA_GAP'))"
                        + " ORDER BY at DESC LIMIT 1",
                rs -> Jdbc.instant(rs, "at"), deviceId, at);
    }

    private static final String HOURLY = "SELECT date_trunc('hour', w.start_ts) AS hour, sum(w.liters) AS liters"
            + " FROM water_use w";

    private static final String DEVICES = "SELECT d.device_id, d.kind, d.elder_id, d.active, d.installed_at,"
            + " d.last_seen_at, d.battery, d.rssi, d.online, e.name, e.street, e.community,"
            + " extract(epoch FROM c.upload_interval)::bigint AS upload_seconds, c.missed_uploads"
            + " FROM device d JOIN elder e ON e.id = d.elder_id"
            + " LEFT JOIN device_upload_cadence c ON c.device_id = d.device_id";

    private static Object[] args(Connection c, Account scope, IncidentState state, int limit) throws SQLException {
        return concat(new Object[] {state.name()}, concat(scopeArgs(c, scope), limit));
    }

    private static Object[] scopeArgs(Connection c, Account scope) throws SQLException {
        String street = scope.role() == AccountRole.DISTRICT ? null : scope.street();
        Object communities = scope.role() == AccountRole.COMMUNITY_WORKER
                ? c.createArrayOf("text", scope.communities().toArray()) : null;
        return new Object[] {street, street, communities, communities};
    }

    private static Object[] concat(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static HourlyUse hourly(ResultSet rs) throws SQLException {
        return new HourlyUse(Jdbc.instant(rs, "hour"), rs.getDouble("liters"));
    }

    private static QueueRow queueRow(ResultSet rs) throws SQLException {
        Incident i = new Incident(rs.getLong("id"), rs.getString("code"), rs.getLong("elder_id"),
                Rule.valueOf(rs.getString("rule")), Severity.valueOf(rs.getString("severity")),
                IncidentState.valueOf(rs.getString("state")), Jdbc.instant(rs, "opened_at"),
                Jdbc.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), Jdbc.instant(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getString("outcome"));
        Elder e = new Elder(rs.getLong("elder_id"), rs.getString("name"), rs.getString("id_number"),
                rs.getString("street"), rs.getString("community"), rs.getString("address"), rs.getString("phone"),
                rs.getBoolean("active"));
        return new QueueRow(i, e, rs.getBoolean("unreached"), rs.getInt("alerts"));
    }

    private static Elder elder(ResultSet rs) throws SQLException {
        return new Elder(rs.getLong("id"), rs.getString("name"), rs.getString("id_number"), rs.getString("street"),
                rs.getString("community"), rs.getString("address"), rs.getString("phone"), rs.getBoolean("active"));
    }

    private static DeviceRow device(ResultSet rs) throws SQLException {
        boolean online = rs.getBoolean("online");
        Boolean onlineOrNull = rs.wasNull() ? null : online;
        return new DeviceRow(rs.getString("device_id"), DeviceKind.valueOf(rs.getString("kind")),
                rs.getLong("elder_id"), rs.getBoolean("active"), Jdbc.instant(rs, "installed_at"),
                Jdbc.instant(rs, "last_seen_at"), Jdbc.integer(rs, "battery"), Jdbc.integer(rs, "rssi"), onlineOrNull,
                rs.getString("name"), rs.getString("street"), rs.getString("community"), cadence(rs));
    }

    private static UploadCadence cadence(ResultSet rs) throws SQLException {
        long seconds = rs.getLong("upload_seconds");
        return rs.wasNull() ? null : new UploadCadence(Duration.ofSeconds(seconds), rs.getInt("missed_uploads"));
    }
}
