package org.shouwang.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Console accounts, their scope and their login attempts. Stores password hashes only (hashing is the
 * console's job) and never logs. Blocking JDBC: call it from a worker thread.
 */
public final class AccountStore {

    private static final String COLUMNS = "id, username, display_name, role, street, active, password_hash";

    private final Jdbc jdbc;

    public AccountStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Creates the account; a taken username fails with a unique violation ({@link DataAccessException}). */
    public Account create(NewAccount a) {
        return jdbc.inTransaction(c -> {
            long id = Jdbc.one(c, "INSERT INTO account (username, display_name, role, street, password_hash, created_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id", rs -> rs.getLong(1),
                    a.username(), a.displayName().strip(), a.role(), a.street(), a.passwordHash(), a.createdBy())
                    .orElseThrow();
            for (String community : a.communities()) {
                Jdbc.update(c, "INSERT INTO account_community (account_id, community) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING", id, community);
            }
            return find(c, id).orElseThrow().account();
        });
    }

    /** The account and its hash for a login; the username is matched case-insensitively. */
    public Optional<AccountCredentials> credentials(String username) {
        return jdbc.inTransaction(c -> {
            Optional<Long> id = Jdbc.one(c, "SELECT id FROM account WHERE username = ?", rs -> rs.getLong(1),
                    normal(username));
            return id.isEmpty() ? Optional.empty() : find(c, id.get());
        });
    }

    public Optional<Account> find(long id) {
        return jdbc.inTransaction(c -> find(c, id).map(AccountCredentials::account));
    }

    public Optional<Account> findByUsername(String username) {
        return credentials(username).map(AccountCredentials::account);
    }

    /** Every account, by username. */
    public List<Account> list() {
        return jdbc.inTransaction(c -> {
            Map<Long, List<String>> communities = communities(c);
            return Jdbc.list(c, "SELECT " + COLUMNS + " FROM account ORDER BY username",
                    rs -> account(rs, communities.getOrDefault(rs.getLong("id"), List.of())));
        });
    }

    public boolean exists(String username) {
        return jdbc.one("SELECT 1 FROM account WHERE username = ?", rs -> true, normal(username)).isPresent();
    }

    /** Replaces the password hash (a new password, or the same one re-hashed with stronger parameters). */
    public boolean setPasswordHash(long accountId, String passwordHash, Instant at) {
        return jdbc.update("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                passwordHash, at, accountId) == 1;
    }

    /** Enables or disables the account; disabling also ends its sessions. */
    public boolean setActive(long accountId, boolean active) {
        return jdbc.inTransaction(c -> {
            int changed = Jdbc.update(c, "UPDATE account SET active = ? WHERE id = ?", active, accountId);
            if (!active) {
                Jdbc.update(c, "DELETE FROM console_session WHERE account_id = ?", accountId);
            }
            return changed == 1;
        });
    }

    /**
     * Notes a login attempt under the username as typed (lower-cased), known or not, and the client
     * address it came from (as the console decided it; never logged).
     */
    public void recordAttempt(String username, String address, Instant at, boolean succeeded) {
        jdbc.update("INSERT INTO login_attempt (username, address, at, succeeded) VALUES (?, ?, ?, ?)",
                normal(username), address, at, succeeded);
    }

    /**
     * Failed attempts for the username from the address after {@code since} and after the last successful
     * login of that username from that address, newest first: what the lock-out counts.
     */
    public List<Instant> failuresSince(String username, String address, Instant since) {
        return jdbc.list("SELECT at FROM login_attempt WHERE username = ? AND address = ? AND NOT succeeded AND at > ?"
                        + " AND at > coalesce((SELECT max(at) FROM login_attempt WHERE username = ? AND address = ?"
                        + " AND succeeded), '-infinity') ORDER BY at DESC",
                rs -> Jdbc.instant(rs, "at"), normal(username), address, since, normal(username), address);
    }

    /**
     * The newest {@code limit} failed attempts from the address after {@code since}, whatever the username,
     * newest first: what the per-address throttle counts. A success does not clear them, so one known
     * password does not buy an address more guesses at the others.
     */
    public List<Instant> addressFailuresSince(String address, Instant since, int limit) {
        return jdbc.list("SELECT at FROM login_attempt WHERE address = ? AND NOT succeeded AND at > ?"
                + " ORDER BY at DESC LIMIT ?", rs -> Jdbc.instant(rs, "at"), address, since, limit);
    }

    /** Deletes attempts older than {@code before} (long outside any window); returns how many. */
    public int deleteAttemptsBefore(Instant before) {
        return jdbc.update("DELETE FROM login_attempt WHERE at < ?", before);
    }

    private static Optional<AccountCredentials> find(Connection c, long id) throws SQLException {
        List<String> communities = Jdbc.list(c, "SELECT community FROM account_community WHERE account_id = ?"
                + " ORDER BY community", rs -> rs.getString(1), id);
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM account WHERE id = ?",
                rs -> new AccountCredentials(account(rs, communities), rs.getString("password_hash")), id);
    }

    /** The account of a session being read in the same transaction. */
    static Account read(Connection c, long id) throws SQLException {
        return find(c, id).orElseThrow().account();
    }

    private static Map<Long, List<String>> communities(Connection c) throws SQLException {
        Map<Long, List<String>> byAccount = new HashMap<>();
        Jdbc.list(c, "SELECT account_id, community FROM account_community ORDER BY community", rs -> {
            byAccount.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            return null;
        });
        return byAccount;
    }

    static Account account(ResultSet rs, List<String> communities) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                AccountRole.valueOf(rs.getString("role")), rs.getString("street"), communities,
                rs.getBoolean("active"));
    }

    private static String normal(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
