package org.shouwang.db;

import java.util.List;
import javax.sql.DataSource;

/** The devices' broker logins: which devices may connect, and the hash of each one's password. */
public final class BrokerCredentialStore {

    /** A device as the broker's password file sees it; {@code passwordHash} is null until first exported. */
    public record Credential(String deviceId, boolean active, String passwordHash) {
    }

    private final Jdbc jdbc;

    public BrokerCredentialStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Every registered device, active or not, by id. */
    public List<Credential> all() {
        return jdbc.list("SELECT device_id, active, broker_password_hash FROM device ORDER BY device_id",
                rs -> new Credential(rs.getString(1), rs.getBoolean(2), rs.getString(3)));
    }

    /** Stores a device's password hash if it has none yet; false when another export set one first. */
    public boolean setHashIfAbsent(String deviceId, String hash) {
        return jdbc.update("UPDATE device SET broker_password_hash = ? WHERE device_id = ?"
                + " AND broker_password_hash IS NULL", hash, deviceId) == 1;
    }

    /** Replaces a device's password hash (rotation). */
    public boolean setHash(String deviceId, String hash) {
        return jdbc.update("UPDATE device SET broker_password_hash = ? WHERE device_id = ?", hash, deviceId) == 1;
    }
}
