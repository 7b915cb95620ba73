package org.shouwang.db;

import java.util.List;
import java.util.Locale;

/**
 * An account to create: the password is already hashed (a PHC string), never the password itself.
 * The username is kept in lower case.
 */
public record NewAccount(String username, String displayName, AccountRole role, String street,
                         List<String> communities, String passwordHash, String createdBy) {

    public NewAccount {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is required");
        }
        username = username.strip().toLowerCase(Locale.ROOT);
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("display name is required");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        if ((role == AccountRole.DISTRICT) != (street == null)) {
            throw new IllegalArgumentException("a district account has no street, every other account has one");
        }
        communities = List.copyOf(communities == null ? List.of() : communities);
        if ((role == AccountRole.COMMUNITY_WORKER) == communities.isEmpty()) {
            throw new IllegalArgumentException("a community worker has communities, no other account has");
        }
        if (passwordHash == null || !passwordHash.startsWith("$")) {
            throw new IllegalArgumentException("password hash must be a PHC string");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("createdBy is required for the audit trail");
        }
    }
}
