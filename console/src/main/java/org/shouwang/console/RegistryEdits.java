package org.shouwang.console;

import java.util.Optional;
import javax.sql.DataSource;
import org.shouwang.db.Jdbc;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderFacts;

/**
 * The registry edits staff make in the console that {@code RegistryStore} does not offer yet: change an
 * elder's details and roster facts, change or retire a care contact, take a device out of service or
 * back. The ID number is not editable here: it is the roster's key, and a wrong one is fixed by
 * deactivating and registering anew. Blocking JDBC.
 */
final class RegistryEdits {

    private final Jdbc jdbc;

    RegistryEdits(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /**
     * Updates name, place, phone and roster facts of an elder in one statement; empty when there is no
     * such elder. Birth date and sex are only filled in (from a valid ID number), never cleared.
     */
    Optional<Elder> updateElder(long id, Elder input, ElderFacts facts) {
        return jdbc.one("UPDATE elder SET name = ?, street = ?, community = ?, address = ?, phone = ?, category = ?,"
                        + " children_location = ?, low_income_disabled = ?, agreement_signed_on = ?,"
                        + " birth_date = COALESCE(?, birth_date), sex = COALESCE(?, sex), updated_at = now()"
                        + " WHERE id = ? RETURNING id, name, id_number, street, community, address, phone, active",
                rs -> new Elder(rs.getLong("id"), rs.getString("name"), rs.getString("id_number"), rs.getString("street"),
                        rs.getString("community"), rs.getString("address"), rs.getString("phone"),
                        rs.getBoolean("active")),
                input.name(), input.street(), input.community(), input.address(), input.phone(), facts.category(),
                facts.childrenLocation(), facts.lowIncomeDisabled(), facts.agreementSignedOn(), facts.birthDate(),
                facts.sex(), id);
    }

    /** Changes a care contact still in service. */
    Optional<CareContact> updateContact(long id, ContactRole role, String name, String phone, int priority) {
        return jdbc.one("UPDATE care_contact SET role = ?, name = ?, phone = ?, priority = ? WHERE id = ?"
                        + " AND retired_at IS NULL RETURNING id, elder_id, role, name, phone, priority",
                rs -> new CareContact(rs.getLong("id"), rs.getLong("elder_id"), ContactRole.valueOf(rs.getString("role")),
                        rs.getString("name"), rs.getString("phone"), rs.getInt("priority")),
                role, name, phone, priority, id);
    }

    /** Takes a contact off the care team; pages already sent keep pointing at it. */
    boolean retireContact(long id) {
        return jdbc.update("UPDATE care_contact SET retired_at = now() WHERE id = ? AND retired_at IS NULL", id) == 1;
    }

    /** Takes a device out of service (ingest then refuses it) or back in. */
    boolean setDeviceActive(String deviceId, boolean active) {
        return jdbc.update("UPDATE device SET active = ? WHERE device_id = ?", active, deviceId) == 1;
    }
}
