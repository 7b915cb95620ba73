package org.shouwang.db;

import java.time.Instant;

/** A live console session: whose it is, the CSRF token the page must send back, and when it ends at the latest. */
public record Session(Account account, String csrfToken, Instant createdAt, Instant expiresAt) {
}
