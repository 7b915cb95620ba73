package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Device;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;

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
        return jdbc.one("INSERT INTO elder (name, id_number, street, community, address, phone, active)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + ELDER_COLUMNS,
                RegistryStore::elder, e.name(), e.idNumber(), e.street(), e.community(), e.address(), e.phone(),
                e.active()).orElseThrow();
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

    /** The elder's care team, in paging order within each role. */
    public List<CareContact> contacts(long elderId) {
        return jdbc.list("SELECT id, elder_id, role, name, phone, priority FROM care_contact"
                + " WHERE elder_id = ? ORDER BY role, priority, id", RegistryStore::contact, elderId);
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
        return new HashSet<>(jdbc.list("SELECT device_id FROM device WHERE active", rs -> rs.getString(1)));
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
