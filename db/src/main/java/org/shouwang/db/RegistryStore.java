package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Device;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.InvalidResidentIdException;
import org.shouwang.model.ResidentId;

/**
 * The elder registry: elders, their care contacts and their devices. Blocking JDBC: call it from a
 * worker thread, never from an event loop.
 */
public final class RegistryStore {

    private static final String ELDER_COLUMNS = "id, name, id_number, street, community, address, phone, active";

    private final Jdbc jdbc;

    public RegistryStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Inserts an elder (the record's id is ignored) and returns it with its new id. */
    public Elder createElder(Elder e) {
        return createElder(e, null);
    }

    /**
     * Inserts an elder with the roster's facts (category, children's location, low-income and disabled,
     * agreement date; null facts register none of them) and returns it with its new id. Birth date and
     * sex always come from a valid ID number, whatever {@code facts} says, so age and key-elder status
     * work from the first day and cannot contradict the number.
     */
    public Elder createElder(Elder e, ElderFacts facts) {
        ResidentId id = residentId(e.idNumber());
        return jdbc.one("INSERT INTO elder (name, id_number, street, community, address, phone, active, birth_date, sex,"
                        + " category, children_location, low_income_disabled, agreement_signed_on)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + ELDER_COLUMNS,
                RegistryStore::elder, e.name(), e.idNumber(), e.street(), e.community(), e.address(), e.phone(),
                e.active(), id == null ? null : id.birthDate(), id == null ? null : id.sex(),
                facts == null ? null : facts.category(), facts == null ? null : facts.childrenLocation(),
                facts != null && facts.lowIncomeDisabled(), facts == null ? null : facts.agreementSignedOn())
                .orElseThrow();
    }

    private static ResidentId residentId(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        try {
            return ResidentId.parse(idNumber);
        } catch (InvalidResidentIdException notValid) {
            return null;
        }
    }

    public Optional<Elder> findElder(long id) {
        return jdbc.one("SELECT " + ELDER_COLUMNS + " FROM elder WHERE id = ?", RegistryStore::elder, id);
    }

    public List<Elder> listElders(int limit) {
        return jdbc.list("SELECT " + ELDER_COLUMNS + " FROM elder ORDER BY id LIMIT ?", RegistryStore::elder, limit);
    }

    /** The elder in whose home the device is installed. */
    public Optional<Elder> elderOfDevice(String deviceId) {
        return jdbc.one("SELECT e.id, e.name, e.id_number, e.street, e.community, e.address, e.phone, e.active"
                + " FROM device d JOIN elder e ON e.id = d.elder_id WHERE d.device_id = ?", RegistryStore::elder, deviceId);
    }

    public CareContact addContact(long elderId, ContactRole role, String name, String phone, int priority) {
        return jdbc.one("INSERT INTO care_contact (elder_id, role, name, phone, priority) VALUES (?, ?, ?, ?, ?)"
                        + " RETURNING id, elder_id, role, name, phone, priority",
                RegistryStore::contact, elderId, role, name, phone, priority).orElseThrow();
    }

    /**
     * The elder's care team, in paging order within each role. Contacts a roster import retired (the
     * roster no longer lists them) are left out; every other contact is returned as before.
     */
    public List<CareContact> contacts(long elderId) {
        return jdbc.list(ElderProfileReader.TEAM + " WHERE elder_id = ? AND retired_at IS NULL ORDER BY "
                + ElderProfileReader.TEAM_ORDER, RegistryStore::contact, elderId);
    }

    /**
     * Everything the notifier's correlation needs about the elder in whose home the device is: the
     * elder, the roster facts, age and key-elder status as of today (Asia/Shanghai), the care team in
     * paging order and the home's devices.
     */
    public Optional<ElderProfile> profileOfDevice(String deviceId) {
        return profileOfDevice(deviceId, LocalDate.now(ResidentId.ZONE));
    }

    /** As {@link #profileOfDevice(String)}, with age and key-elder status as of {@code date}. */
    public Optional<ElderProfile> profileOfDevice(String deviceId, LocalDate date) {
        return jdbc.inTransaction(c -> ElderProfileReader.ofDevice(c, deviceId, date));
    }

    /**
     * The profile behind every active call button of an active elder, by button id, as of {@code date}: the
     * notifier keeps it in memory to page a press while the database is down. Three queries, whatever the size.
     */
    public Map<String, ElderProfile> buttonProfiles(LocalDate date) {
        return jdbc.inTransaction(c -> ElderProfileReader.ofAllButtons(c, date));
    }

    /** The profile of an elder by id, as of {@code date}. */
    public Optional<ElderProfile> profile(long elderId, LocalDate date) {
        return jdbc.inTransaction(c -> ElderProfileReader.ofElder(c, elderId, date));
    }

    /**
     * The profiles (without devices) of the active elders of {@code street} (null: every street), limited to
     * {@code communities} when that is not null, as of {@code date}: what the care duties are computed over.
     */
    public List<ElderProfile> profiles(String street, List<String> communities, LocalDate date) {
        return jdbc.inTransaction(c -> ElderProfileReader.ofScope(c, street, communities, date));
    }

    /**
     * Takes an elder off the watch (moved away, died, no longer covered), noting who and why; their
     * devices, contacts and incidents stay for the record. False when no active elder has that id.
     */
    public boolean deactivateElder(long elderId, String by, String reason) {
        return jdbc.update("UPDATE elder SET active = false, deactivated_at = now(), deactivated_by = ?,"
                + " deactivation_reason = ?, updated_at = now() WHERE id = ? AND active", by, reason, elderId) == 1;
    }

    public Device addDevice(String deviceId, DeviceKind kind, long elderId) {
        return jdbc.one("INSERT INTO device (device_id, kind, elder_id) VALUES (?, ?, ?)"
                        + " RETURNING device_id, kind, elder_id, active",
                RegistryStore::device, deviceId, kind, elderId).orElseThrow();
    }

    public Optional<Device> findDevice(String deviceId) {
        return jdbc.one("SELECT device_id, kind, elder_id, active FROM device WHERE device_id = ?",
                RegistryStore::device, deviceId);
    }

    public List<Device> devices(long elderId) {
        return jdbc.list("SELECT device_id, kind, elder_id, active FROM device WHERE elder_id = ? ORDER BY device_id",
                RegistryStore::device, elderId);
    }

    /** Ids of installed, active devices: what ingest accepts messages from. */
    public Set<String> activeDeviceIds() {
        return new HashSet<>(activeDeviceKinds().keySet());
    }

    /** Installed, active devices and their kinds: what ingest accepts, and on which channels. */
    public Map<String, DeviceKind> activeDeviceKinds() {
        Map<String, DeviceKind> out = new HashMap<>();
        jdbc.list("SELECT device_id, kind FROM device WHERE active", rs -> out.put(rs.getString(1),
                DeviceKind.valueOf(rs.getString(2))));
        return out;
    }

    static Elder elder(ResultSet rs) throws SQLException {
        return new Elder(rs.getLong("id"), rs.getString("name"), rs.getString("id_number"), rs.getString("street"),
                rs.getString("community"), rs.getString("address"), rs.getString("phone"), rs.getBoolean("active"));
    }

    static CareContact contact(ResultSet rs) throws SQLException {
        return new CareContact(rs.getLong("id"), rs.getLong("elder_id"), ContactRole.valueOf(rs.getString("role")),
                rs.getString("name"), rs.getString("phone"), rs.getInt("priority"));
    }

    static Device device(ResultSet rs) throws SQLException {
        return new Device(rs.getString("device_id"), DeviceKind.valueOf(rs.getString("kind")), rs.getLong("elder_id"),
                rs.getBoolean("active"));
    }
}
