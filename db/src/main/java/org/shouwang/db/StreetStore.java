package org.shouwang.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** Gusu's streets (seeded by migration V4) and their communities. Blocking JDBC. */
public final class StreetStore {

    private final Jdbc jdbc;

    public StreetStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** The streets, in the district's usual order. */
    public List<String> streets() {
        return jdbc.list("SELECT name FROM street ORDER BY position", rs -> rs.getString(1));
    }

    public List<Community> communities(String street) {
        return jdbc.list("SELECT id, street, name FROM community WHERE street = ? ORDER BY name",
                StreetStore::community, street);
    }

    /** Registers a community of a known street; returns it, whether it was new or not. */
    public Community ensureCommunity(String street, String name, String actor) {
        return jdbc.inTransaction(c -> {
            ensureCommunity(c, street, name, actor);
            return Jdbc.one(c, "SELECT id, street, name FROM community WHERE street = ? AND name = ?",
                    StreetStore::community, street, name).orElseThrow();
        });
    }

    /** Inserts the community unless it exists; true when it was created. */
    static boolean ensureCommunity(Connection c, String street, String name, String actor) throws SQLException {
        return Jdbc.update(c, "INSERT INTO community (street, name, created_by) VALUES (?, ?, ?)"
                + " ON CONFLICT (street, name) DO NOTHING", street, name, actor) == 1;
    }

    private static Community community(java.sql.ResultSet rs) throws SQLException {
        return new Community(rs.getLong("id"), rs.getString("street"), rs.getString("name"));
    }
}
