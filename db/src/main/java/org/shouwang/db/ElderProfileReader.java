package org.shouwang.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shouwang.model.CareContact;
import org.shouwang.model.Device;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ElderProfile;

/** Reads an {@link ElderProfile} in one transaction, so elder, care team and devices agree. */
final class ElderProfileReader {

    private static final String SELECT = "SELECT e.id, e.name, e.id_number, e.street, e.community, e.address, e.phone,"
            + " e.active, e.category, e.children_location, e.low_income_disabled, e.birth_date, e.sex,"
            + " e.agreement_signed_on FROM elder e";

    /** A care team as {@link RegistryStore#contact} reads it, in paging order. */
    static final String TEAM = "SELECT id, elder_id, role, name, phone, priority FROM care_contact";
    static final String TEAM_ORDER = "role, priority, id";

    private record Row(Elder elder, ElderFacts facts) {
    }

    private ElderProfileReader() {
    }

    static Optional<ElderProfile> ofDevice(Connection c, String deviceId, LocalDate date) throws SQLException {
        return complete(c, Jdbc.one(c, SELECT + " JOIN device d ON d.elder_id = e.id WHERE d.device_id = ?",
                ElderProfileReader::row, deviceId), date);
    }

    static Optional<ElderProfile> ofElder(Connection c, long elderId, LocalDate date) throws SQLException {
        return complete(c, Jdbc.one(c, SELECT + " WHERE e.id = ?", ElderProfileReader::row, elderId), date);
    }

    /** The profile behind every active call button, keyed by button id: what paging from memory needs. */
    static Map<String, ElderProfile> ofAllButtons(Connection c, LocalDate date) throws SQLException {
        Map<Long, Row> elders = new HashMap<>();
        Map<String, Long> buttons = new HashMap<>();
        Jdbc.list(c, SELECT.replace(" FROM elder e", ", d.device_id AS button FROM elder e")
                + " JOIN device d ON d.elder_id = e.id WHERE d.active AND d.kind = 'CALL_BUTTON' AND e.active", rs -> {
                    Row row = row(rs);
                    elders.putIfAbsent(row.elder().id(), row);
                    buttons.put(rs.getString("button"), row.elder().id());
                    return null;
                });
        Map<Long, List<CareContact>> teams = new HashMap<>();
        Jdbc.list(c, TEAM + " WHERE elder_id IN (SELECT id FROM elder WHERE active) AND retired_at IS NULL"
                + " ORDER BY elder_id, " + TEAM_ORDER, rs -> {
                    CareContact contact = RegistryStore.contact(rs);
                    teams.computeIfAbsent(contact.elderId(), k -> new ArrayList<>()).add(contact);
                    return null;
                });
        Map<String, ElderProfile> out = new HashMap<>();
        Map<Long, ElderProfile> byElder = new HashMap<>();
        buttons.forEach((button, elderId) -> out.put(button, byElder.computeIfAbsent(elderId, id -> ElderProfile.of(
                elders.get(id).elder(), elders.get(id).facts(), teams.getOrDefault(id, List.of()), List.of(), date))));
        return out;
    }

    /**
     * The profiles of every active elder of {@code street} (null: all streets) and, if given, of those
     * communities only, ordered by street, community and id, without devices. Two queries, whatever the size.
     */
    static List<ElderProfile> ofScope(Connection c, String street, List<String> communities, LocalDate date)
            throws SQLException {
        String where = " WHERE e.active AND (?::text IS NULL OR e.street = ?)"
                + (communities == null ? "" : " AND e.community = ANY (?)");
        Object[] args = communities == null ? new Object[] {street, street}
                : new Object[] {street, street, c.createArrayOf("text", communities.toArray())};
        List<Row> rows = Jdbc.list(c, SELECT + where + " ORDER BY e.street, e.community, e.id", ElderProfileReader::row,
                args);
        Map<Long, List<CareContact>> teams = new HashMap<>();
        Jdbc.list(c, TEAM + " WHERE elder_id IN (SELECT e.id FROM elder e" + where + ") AND retired_at IS NULL"
                + " ORDER BY elder_id, " + TEAM_ORDER, rs -> {
                    CareContact contact = RegistryStore.contact(rs);
                    teams.computeIfAbsent(contact.elderId(), k -> new ArrayList<>()).add(contact);
                    return null;
                }, args);
        List<ElderProfile> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(ElderProfile.of(r.elder(), r.facts(), teams.getOrDefault(r.elder().id(), List.of()), List.of(),
                    date));
        }
        return out;
    }

    private static Optional<ElderProfile> complete(Connection c, Optional<Row> row, LocalDate date)
            throws SQLException {
        if (row.isEmpty()) {
            return Optional.empty();
        }
        long id = row.get().elder().id();
        List<CareContact> team = Jdbc.list(c, TEAM + " WHERE elder_id = ? AND retired_at IS NULL ORDER BY " + TEAM_ORDER,
                RegistryStore::contact, id);
        List<Device> devices = Jdbc.list(c, "SELECT device_id, kind, elder_id, active FROM device WHERE elder_id = ?"
                + " ORDER BY device_id", RegistryStore::device, id);
        return Optional.of(ElderProfile.of(row.get().elder(), row.get().facts(), team, devices, date));
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(RegistryStore.elder(rs), RosterRows.facts(rs));
    }
}
