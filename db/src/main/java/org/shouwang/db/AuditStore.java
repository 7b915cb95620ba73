package org.shouwang.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/** The audit log: rows are only added, never changed. Blocking JDBC: call it from a worker thread. */
public final class AuditStore {

    private static final String COLUMNS = "id, at, account_id, actor, action, target_kind, target_id, elder_id, detail";

    private final Jdbc jdbc;

    public AuditStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public AuditEntry record(AuditEntry e) {
        return jdbc.one("INSERT INTO audit_log (account_id, actor, action, target_kind, target_id, elder_id, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS, AuditStore::entry,
                e.accountId(), e.actor(), e.action(), e.targetKind(), e.targetId(), e.elderId(), e.detail())
                .orElseThrow();
    }

    /** Everything recorded about one elder, newest first. */
    public List<AuditEntry> forElder(long elderId, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM audit_log WHERE elder_id = ? ORDER BY at DESC, id DESC LIMIT ?",
                AuditStore::entry, elderId, limit);
    }

    /** The latest entries of the whole log, newest first. */
    public List<AuditEntry> recent(int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM audit_log ORDER BY at DESC, id DESC LIMIT ?",
                AuditStore::entry, limit);
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        long account = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : account;
        long elder = rs.getLong("elder_id");
        Long elderId = rs.wasNull() ? null : elder;
        return new AuditEntry(rs.getLong("id"), Jdbc.instant(rs, "at"), accountId, rs.getString("actor"),
                rs.getString("action"), rs.getString("target_kind"), rs.getString("target_id"), elderId,
                rs.getString("detail"));
    }
}
