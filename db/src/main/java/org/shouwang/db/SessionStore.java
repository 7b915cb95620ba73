package org.shouwang.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Console sessions, keyed by the SHA-256 of the cookie's token (the token itself is never stored).
 * A session ends at its absolute expiry, after an idle gap, at logout, or when its account is disabled.
 * Blocking JDBC: call it from a worker thread.
 */
public final class SessionStore {

    private final Jdbc jdbc;

    public SessionStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public void create(byte[] tokenHash, long accountId, String csrfToken, Instant now, Instant expiresAt) {
        jdbc.update("INSERT INTO console_session (token_hash, account_id, csrf_token, created_at, last_seen_at,"
                + " expires_at) VALUES (?, ?, ?, ?, ?, ?)", tokenHash, accountId, csrfToken, now, now, expiresAt);
    }

    /**
     * The session if it is still live at {@code now} (not expired, seen after {@code idleCutoff}, its
     * account active), marking it seen; empty otherwise.
     */
    public Optional<Session> touch(byte[] tokenHash, Instant now, Instant idleCutoff) {
        return jdbc.inTransaction(c -> {
            Optional<Long> accountId = Jdbc.one(c, "UPDATE console_session s SET last_seen_at = ? FROM account a"
                            + " WHERE s.token_hash = ? AND a.id = s.account_id AND a.active AND s.expires_at > ?"
                            + " AND s.last_seen_at > ? RETURNING s.account_id", rs -> rs.getLong(1),
                    now, tokenHash, now, idleCutoff);
            if (accountId.isEmpty()) {
                return Optional.empty();
            }
            return read(c, tokenHash, accountId.get());
        });
    }

    /** Ends one session (logout); false when there was none. */
    public boolean delete(byte[] tokenHash) {
        return jdbc.update("DELETE FROM console_session WHERE token_hash = ?", (Object) tokenHash) == 1;
    }

    /** Ends every session of an account (password changed, account disabled). */
    public int deleteForAccount(long accountId) {
        return jdbc.update("DELETE FROM console_session WHERE account_id = ?", accountId);
    }

    /** Removes sessions that can no longer be used; returns how many. */
    public int deleteStale(Instant now, Instant idleCutoff) {
        return jdbc.update("DELETE FROM console_session WHERE expires_at <= ? OR last_seen_at <= ?", now, idleCutoff);
    }

    private static Optional<Session> read(Connection c, byte[] tokenHash, long accountId) throws SQLException {
        Account account = AccountStore.read(c, accountId);
        return Jdbc.one(c, "SELECT csrf_token, created_at, expires_at FROM console_session WHERE token_hash = ?",
                rs -> new Session(account, rs.getString("csrf_token"), Jdbc.instant(rs, "created_at"),
                        Jdbc.instant(rs, "expires_at")), (Object) tokenHash);
    }
}
