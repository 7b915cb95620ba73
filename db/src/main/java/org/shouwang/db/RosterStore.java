package org.shouwang.db;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The registry as the roster sees it: one transaction per import ({@link RosterSession}), the active
 * elders of a street for the quarterly export, and the audit trail of imports. Blocking JDBC.
 */
public final class RosterStore {

    /** Work done inside one import transaction. */
    @FunctionalInterface
    public interface SessionWork<T> {
        T run(RosterSession session) throws SQLException;
    }

    private final Jdbc jdbc;

    public RosterStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /**
     * Runs the work in one transaction as {@code actor}; commits on return unless the work called
     * {@link RosterSession#rollbackOnly()}, rolls back on any exception.
     */
    public <T> T inTransaction(String actor, SessionWork<T> work) {
        return jdbc.inTransaction(c -> {
            RosterSession session = new RosterSession(c, actor);
            T result = work.run(session);
            if (session.isRollbackOnly()) {
                c.rollback();
            }
            return result;
        });
    }

    /** The registered elders with these ID numbers (no lock), for a look before an import. */
    public List<RosterRecord> findByIdNumbers(Collection<String> idNumbers) {
        return jdbc.inTransaction(c -> RosterRows.byIdNumbers(c, idNumbers, false));
    }

    /** The active elders of the street with their roster-managed care team, by community. */
    public List<RosterRecord> activeOfStreet(String street) {
        return jdbc.inTransaction(c -> RosterRows.activeOfStreet(c, street));
    }

    /** Notes an import in the audit trail (also a refused one, in a transaction of its own). */
    public void recordImport(RosterImportRecord r) {
        jdbc.update("INSERT INTO roster_import (actor, source_name, skip_invalid, refused, created, updated, unchanged,"
                        + " rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.actor(), r.sourceName(), r.skipInvalid(),
                r.refused(), r.created(), r.updated(), r.unchanged(), r.rejected());
    }

    /** The latest imports, newest first. */
    public List<RosterImportRecord> recentImports(int limit) {
        return jdbc.list("SELECT actor, source_name, skip_invalid, refused, created, updated, unchanged, rejected"
                        + " FROM roster_import ORDER BY id DESC LIMIT ?",
                rs -> new RosterImportRecord(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)), limit);
    }
}
