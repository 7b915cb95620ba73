package org.shouwang.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;

/**
 * The registry inside one roster-import transaction: look up (and lock) the elders a file names,
 * then create or update them. Nothing is visible to others until the transaction commits; after
 * {@link #rollbackOnly()} nothing ever is.
 */
public final class RosterSession {

    private final Connection c;
    private final String actor;
    private boolean rollbackOnly;

    RosterSession(Connection c, String actor) {
        this.c = c;
        this.actor = actor;
    }

    /** The registered elders with these 18-character ID numbers, keyed by ID number, locked until the end. */
    public Map<String, RosterRecord> lock(Collection<String> idNumbers) throws SQLException {
        Map<String, RosterRecord> out = new LinkedHashMap<>();
        for (RosterRecord r : RosterRows.byIdNumbers(c, idNumbers, true)) {
            out.put(r.entry().idNumber().toUpperCase(java.util.Locale.ROOT), r);
        }
        return out;
    }

    /** Registers the community under its (known) street unless it exists; true when it is new. */
    public boolean ensureCommunity(String street, String community) throws SQLException {
        return StreetStore.ensureCommunity(c, street, community, actor);
    }

    /** Creates the elder with the roster's facts and care team; returns the new elder id. */
    public long insert(RosterEntry e) throws SQLException {
        ElderFacts f = e.facts();
        long id = Jdbc.one(c, "INSERT INTO elder (name, id_number, street, community, address, phone, active, category,"
                        + " children_location, low_income_disabled, birth_date, sex, agreement_signed_on)"
                        + " VALUES (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1),
                e.name(), e.idNumber(), e.street(), e.community(), e.address(), e.phone(), f.category(),
                f.childrenLocation(), f.lowIncomeDisabled(), f.birthDate(), f.sex(), f.agreementSignedOn())
                .orElseThrow();
        syncCareTeam(id, e.careTeam());
        return id;
    }

    /** Writes every roster field of an existing elder and makes them active again if they were not. */
    public void update(long elderId, RosterEntry e) throws SQLException {
        ElderFacts f = e.facts();
        Jdbc.update(c, "UPDATE elder SET name = ?, id_number = ?, street = ?, community = ?, address = ?, phone = ?,"
                        + " category = ?, children_location = ?, low_income_disabled = ?, birth_date = ?, sex = ?,"
                        + " agreement_signed_on = ?, active = true, deactivated_at = NULL, deactivated_by = NULL,"
                        + " deactivation_reason = NULL, updated_at = now() WHERE id = ?",
                e.name(), e.idNumber(), e.street(), e.community(), e.address(), e.phone(), f.category(),
                f.childrenLocation(), f.lowIncomeDisabled(), f.birthDate(), f.sex(), f.agreementSignedOn(), elderId);
        syncCareTeam(elderId, e.careTeam());
    }

    /** Makes the whole transaction roll back instead of committing (a refused import). */
    public void rollbackOnly() {
        rollbackOnly = true;
    }

    boolean isRollbackOnly() {
        return rollbackOnly;
    }

    /** Brings the roster-managed contacts to {@code team}: update by role, add the new, retire the gone. */
    private void syncCareTeam(long elderId, List<RosterContact> team) throws SQLException {
        Map<ContactRole, Map.Entry<Long, RosterContact>> current = RosterRows.rosterContactsOf(c, elderId);
        for (RosterContact want : team) {
            Map.Entry<Long, RosterContact> have = current.remove(want.role());
            if (have == null) {
                Jdbc.update(c, "INSERT INTO care_contact (elder_id, role, name, phone, priority, source)"
                        + " VALUES (?, ?, ?, ?, 0, 'ROSTER')", elderId, want.role(), want.name(), want.phone());
            } else if (!have.getValue().equals(want)) {
                Jdbc.update(c, "UPDATE care_contact SET name = ?, phone = ? WHERE id = ?", want.name(), want.phone(),
                        have.getKey());
            }
        }
        for (Map.Entry<Long, RosterContact> gone : current.values()) {
            Jdbc.update(c, "UPDATE care_contact SET retired_at = now() WHERE id = ?", gone.getKey());
        }
    }
}
