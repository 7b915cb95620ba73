package org.shouwang.db;

/** An account with its stored password hash, read only to check a login. */
public record AccountCredentials(Account account, String passwordHash) {
}
