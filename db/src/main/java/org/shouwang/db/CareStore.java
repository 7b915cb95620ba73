package org.shouwang.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouwang.model.ContactRole;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.DutyRole;
import org.shouwang.model.care.NeedCategory;
import org.shouwang.model.care.NewCareRecord;

/**
 * Routine care (issue 11): care records (annex 2's service record cards), four-party agreements (annex 1)
 * and the streets' own contact frequencies. Blocking JDBC: worker threads only.
 */
public final class CareStore {

    /** A record written, or the one an earlier request with the same key (or the same incident) wrote. */
    public record Written(CareRecord record, boolean created) {
    }

    /** The scan of a signed agreement as stored: its content type (PDF, JPEG or PNG) and bytes. */
    public record Scan(String contentType, byte[] bytes) {
    }

    /** A street's own frequency for a role: {@code contacts} per {@code period} (DAY or WEEK). */
    public record DutySetting(String street, DutyRole role, int contacts, String period, Instant changedAt,
                              String changedBy) {
    }

    private static final String RECORD_COLUMNS = "r.id, r.elder_id, r.role, r.account_id, r.contact_id, r.carer_name,"
            + " r.kind, r.at, r.content, r.needs, r.needs_note, r.follow_up, r.incident_id, r.recorded_at, r.recorded_by";
    private static final String AGREEMENT_COLUMNS = "elder_id, status, street, street_representative,"
            + " community_worker_id, neighbour_id, health_status, signed_on, ended_on, scan IS NOT NULL AS has_scan,"
            + " recorded_at, recorded_by";
    private static final String AGREEMENT_COLUMNS_OF_R = "r.elder_id, r.status, r.street, r.street_representative,"
            + " r.community_worker_id, r.neighbour_id, r.health_status, r.signed_on, r.ended_on,"
            + " r.scan IS NOT NULL AS has_scan, r.recorded_at, r.recorded_by";
    private static final String SCOPE = " JOIN elder e ON e.id = r.elder_id WHERE (?::text IS NULL OR e.street = ?)"
            + " AND (?::text[] IS NULL OR e.community = ANY (?))";

    private final Jdbc jdbc;

    public CareStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /**
     * Writes a care record once: a second request with the same key, or a second record of the same
     * incident, writes nothing and returns the first.
     */
    public Written write(NewCareRecord r) {
        return jdbc.inTransaction(c -> {
            Array needs = c.createArrayOf("text", r.needs().stream().map(Enum::name).toArray());
            Optional<CareRecord> inserted = Jdbc.one(c, "INSERT INTO care_record AS r (request_key, elder_id, role,"
                    + " account_id, contact_id, carer_name, kind, at, content, needs, needs_note, follow_up, incident_id,"
                    + " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)"
                    + " ON CONFLICT DO NOTHING RETURNING " + RECORD_COLUMNS, CareStore::record, r.requestKey(),
                    r.elderId(), r.role(), r.accountId(), r.contactId(), r.carerName(), r.kind(), r.at(), r.content(),
                    needs, r.needsNote(), r.followUp(), r.incidentId(), r.recordedBy());
            if (inserted.isPresent()) {
                return new Written(inserted.get(), true);
            }
            CareRecord earlier = Jdbc.one(c, "SELECT " + RECORD_COLUMNS + " FROM care_record r WHERE r.request_key = ?"
                    + " OR (r.incident_id IS NOT NULL AND r.incident_id = ?)", CareStore::record, r.requestKey(),
                    r.incidentId()).orElseThrow();
            return new Written(earlier, false);
        });
    }

    /** The elder's records with {@code from <= at < to}, latest first. */
    public List<CareRecord> ofElder(long elderId, Instant from, Instant to) {
        return jdbc.list("SELECT " + RECORD_COLUMNS + " FROM care_record r WHERE r.elder_id = ? AND r.at >= ?"
                + " AND r.at < ? ORDER BY r.at DESC, r.id DESC", CareStore::record, elderId, from, to);
    }

    /**
     * The records of the active and inactive elders of {@code street} (null: every street), limited to
     * {@code communities} when not null, with {@code from <= at < to}, in time order.
     */
    public List<CareRecord> inScope(String street, List<String> communities, Instant from, Instant to) {
        return jdbc.inTransaction(c -> Jdbc.list(c, "SELECT " + RECORD_COLUMNS + " FROM care_record r" + SCOPE
                + " AND r.at >= ? AND r.at < ? ORDER BY r.at, r.id", CareStore::record,
                scopeArgs(c, street, communities, from, to)));
    }

    /** The day (Asia/Shanghai) each elder in scope came on the platform: no duty is due before it. */
    public Map<Long, LocalDate> registeredOn(String street, List<String> communities) {
        Map<Long, LocalDate> out = new HashMap<>();
        jdbc.inTransaction(c -> Jdbc.list(c, "SELECT e.id, (e.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day"
                + " FROM elder e WHERE (?::text IS NULL OR e.street = ?) AND (?::text[] IS NULL OR e.community = ANY (?))",
                rs -> out.put(rs.getLong("id"), rs.getObject("day", LocalDate.class)), scopeArgs(c, street, communities)));
        return out;
    }

    /** The elder's agreement, if one was ever recorded. */
    public Optional<Agreement> agreement(long elderId) {
        return jdbc.one("SELECT " + AGREEMENT_COLUMNS + " FROM care_agreement WHERE elder_id = ?", CareStore::agreement,
                elderId);
    }

    /** Every recorded agreement of the elders in scope, by elder id. */
    public Map<Long, Agreement> agreements(String street, List<String> communities) {
        Map<Long, Agreement> out = new HashMap<>();
        jdbc.inTransaction(c -> Jdbc.list(c, "SELECT " + AGREEMENT_COLUMNS_OF_R + " FROM care_agreement r" + SCOPE, rs -> {
                    Agreement a = agreement(rs);
                    out.put(a.elderId(), a);
                    return a;
                }, scopeArgs(c, street, communities)));
        return out;
    }

    /**
     * Records the elder's agreement as given (the scan, if any, stays), and keeps the roster's
     * 协议签订日期 ({@code elder.agreement_signed_on}) in step with it in the same transaction.
     */
    public Agreement putAgreement(Agreement a) {
        return jdbc.inTransaction(c -> {
            Agreement saved = Jdbc.one(c, "INSERT INTO care_agreement (elder_id, status, street, street_representative,"
                    + " community_worker_id, neighbour_id, health_status, signed_on, ended_on, recorded_at, recorded_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (elder_id) DO UPDATE SET"
                    + " status = EXCLUDED.status, street = EXCLUDED.street,"
                    + " street_representative = EXCLUDED.street_representative,"
                    + " community_worker_id = EXCLUDED.community_worker_id, neighbour_id = EXCLUDED.neighbour_id,"
                    + " health_status = EXCLUDED.health_status, signed_on = EXCLUDED.signed_on,"
                    + " ended_on = EXCLUDED.ended_on, recorded_at = EXCLUDED.recorded_at,"
                    + " recorded_by = EXCLUDED.recorded_by RETURNING " + AGREEMENT_COLUMNS, CareStore::agreement,
                    a.elderId(), a.status(), a.street(), a.streetRepresentative(), a.communityWorkerId(),
                    a.neighbourId(), a.healthStatus(), a.signedOn(), a.endedOn(), a.recordedAt(), a.recordedBy())
                    .orElseThrow();
            Jdbc.update(c, "UPDATE elder SET agreement_signed_on = ?, updated_at = now() WHERE id = ?",
                    saved.status() == AgreementStatus.SIGNED ? saved.signedOn() : null, saved.elderId());
            return saved;
        });
    }

    /** Attaches the scan of the signed paper; false when the elder has no agreement yet. */
    public boolean attachScan(long elderId, byte[] scan, String name, String contentType) {
        return jdbc.update("UPDATE care_agreement SET scan = ?, scan_name = ?, scan_content_type = ? WHERE elder_id = ?",
                scan, name, contentType, elderId) == 1;
    }

    /** The scan of the signed paper, if one is attached. */
    public Optional<Scan> scan(long elderId) {
        return jdbc.one("SELECT scan, scan_content_type FROM care_agreement WHERE elder_id = ? AND scan IS NOT NULL",
                rs -> new Scan(rs.getString("scan_content_type"), rs.getBytes("scan")), elderId);
    }

    /** Every street's own frequencies. */
    public List<DutySetting> dutySettings() {
        return jdbc.list("SELECT street, role, contacts, period, changed_at, changed_by FROM care_duty_setting"
                + " ORDER BY street, role", rs -> new DutySetting(rs.getString("street"),
                DutyRole.valueOf(rs.getString("role")), rs.getInt("contacts"), rs.getString("period"),
                Jdbc.instant(rs, "changed_at"), rs.getString("changed_by")));
    }

    /** Sets a street's own frequency for a role (replacing the one before). */
    public void putDutySetting(String street, DutyRole role, int contacts, String period, String actor, Instant at) {
        jdbc.update("INSERT INTO care_duty_setting (street, role, contacts, period, changed_at, changed_by)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (street, role) DO UPDATE SET contacts = EXCLUDED.contacts,"
                + " period = EXCLUDED.period, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by",
                street, role, contacts, period, at, actor);
    }

    private static Object[] scopeArgs(Connection c, String street, List<String> communities, Object... more)
            throws SQLException {
        Array array = communities == null ? null : c.createArrayOf("text", communities.toArray());
        Object[] args = new Object[4 + more.length];
        args[0] = street;
        args[1] = street;
        args[2] = array;
        args[3] = array;
        System.arraycopy(more, 0, args, 4, more.length);
        return args;
    }

    static CareRecord record(ResultSet rs) throws SQLException {
        List<NeedCategory> needs = new ArrayList<>();
        Array array = rs.getArray("needs");
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                needs.add(NeedCategory.valueOf((String) o));
            }
        }
        return new CareRecord(rs.getLong("id"), rs.getLong("elder_id"), ContactRole.valueOf(rs.getString("role")),
                (Long) rs.getObject("account_id"), (Long) rs.getObject("contact_id"), rs.getString("carer_name"),
                CareKind.valueOf(rs.getString("kind")), Jdbc.instant(rs, "at"), rs.getString("content"), needs,
                rs.getString("needs_note"), rs.getBoolean("follow_up"), (Long) rs.getObject("incident_id"),
                Jdbc.instant(rs, "recorded_at"), rs.getString("recorded_by"));
    }

    private static Agreement agreement(ResultSet rs) throws SQLException {
        return new Agreement(rs.getLong("elder_id"), AgreementStatus.valueOf(rs.getString("status")),
                rs.getString("street"), rs.getString("street_representative"),
                (Long) rs.getObject("community_worker_id"), (Long) rs.getObject("neighbour_id"),
                rs.getString("health_status"), rs.getObject("signed_on", LocalDate.class),
                rs.getObject("ended_on", LocalDate.class), rs.getBoolean("has_scan"), Jdbc.instant(rs, "recorded_at"),
                rs.getString("recorded_by"));
    }
}
