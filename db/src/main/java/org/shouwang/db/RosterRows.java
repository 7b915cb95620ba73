package org.shouwang.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;
import org.shouwang.model.Sex;

/** The roster's queries and row mappings, in one place for {@link RosterStore} and {@link RosterSession}. */
final class RosterRows {

    static final String ELDER_COLUMNS = "id, name, id_number, street, community, address, phone, active, category,"
            + " children_location, low_income_disabled, birth_date, sex, agreement_signed_on";

    private RosterRows() {
    }

    /** Elders with these ID numbers (upper case 'X'), locked for update when {@code lock} is set. */
    static List<RosterRecord> byIdNumbers(Connection c, Collection<String> idNumbers, boolean lock)
            throws SQLException {
        Array ids = c.createArrayOf("text", idNumbers.toArray());
        return withCareTeams(c, Jdbc.list(c, "SELECT " + ELDER_COLUMNS + " FROM elder WHERE upper(id_number) = ANY(?)"
                + " ORDER BY id" + (lock ? " FOR UPDATE" : ""), RosterRows::record, ids));
    }

    /** The active elders of a street, by community and then in registration order. */
    static List<RosterRecord> activeOfStreet(Connection c, String street) throws SQLException {
        return withCareTeams(c, Jdbc.list(c, "SELECT " + ELDER_COLUMNS + " FROM elder WHERE street = ? AND active"
                + " ORDER BY community, id", RosterRows::record, street));
    }

    static ElderFacts facts(ResultSet rs) throws SQLException {
        return new ElderFacts(enumOrNull(ElderCategory.class, rs.getString("category")),
                enumOrNull(ChildrenLocation.class, rs.getString("children_location")),
                rs.getBoolean("low_income_disabled"), rs.getObject("birth_date", LocalDate.class),
                enumOrNull(Sex.class, rs.getString("sex")), rs.getObject("agreement_signed_on", LocalDate.class));
    }

    private static RosterRecord record(ResultSet rs) throws SQLException {
        ElderFacts f = facts(rs);
        RosterEntry entry = new RosterEntry(rs.getString("street"), rs.getString("community"), rs.getString("name"),
                rs.getString("id_number"), rs.getString("address"), rs.getString("phone"), f.category(),
                f.childrenLocation(), f.lowIncomeDisabled(), List.of(), f.agreementSignedOn());
        return new RosterRecord(rs.getLong("id"), rs.getBoolean("active"), entry);
    }

    private static List<RosterRecord> withCareTeams(Connection c, List<RosterRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return records;
        }
        Map<Long, List<RosterContact>> teams = rosterContacts(c, records.stream().map(RosterRecord::elderId).toList());
        List<RosterRecord> out = new ArrayList<>(records.size());
        for (RosterRecord r : records) {
            out.add(new RosterRecord(r.elderId(), r.active(),
                    r.entry().withCareTeam(teams.getOrDefault(r.elderId(), List.of()))));
        }
        return out;
    }

    /** The current (not retired) roster-managed contacts of these elders. */
    static Map<Long, List<RosterContact>> rosterContacts(Connection c, Collection<Long> elderIds) throws SQLException {
        Array ids = c.createArrayOf("bigint", elderIds.toArray());
        Map<Long, List<RosterContact>> teams = new HashMap<>();
        Jdbc.list(c, "SELECT elder_id, role, name, phone FROM care_contact WHERE elder_id = ANY(?)"
                + " AND source = 'ROSTER' AND retired_at IS NULL ORDER BY elder_id, role, id", rs -> {
                    teams.computeIfAbsent(rs.getLong("elder_id"), k -> new ArrayList<>()).add(new RosterContact(
                            ContactRole.valueOf(rs.getString("role")), rs.getString("name"), rs.getString("phone")));
                    return null;
                }, ids);
        return teams;
    }

    /** The elder's roster-managed contacts by role, with their row ids. */
    static Map<ContactRole, Map.Entry<Long, RosterContact>> rosterContactsOf(Connection c, long elderId)
            throws SQLException {
        Map<ContactRole, Map.Entry<Long, RosterContact>> byRole = new LinkedHashMap<>();
        Jdbc.list(c, "SELECT id, role, name, phone FROM care_contact WHERE elder_id = ? AND source = 'ROSTER'"
                + " AND retired_at IS NULL ORDER BY id", rs -> {
                    RosterContact rc = new RosterContact(ContactRole.valueOf(rs.getString("role")), rs.getString("name"),
                            rs.getString("phone"));
                    byRole.putIfAbsent(rc.role(), Map.entry(rs.getLong("id"), rc));
                    return null;
                }, elderId);
        return byRole;
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
