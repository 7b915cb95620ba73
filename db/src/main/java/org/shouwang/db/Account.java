package org.shouwang.db;

import java.util.List;
import java.util.Objects;

/**
 * A staff account of the console with its scope: {@code street} is null for {@link AccountRole#DISTRICT},
 * {@code communities} is empty unless the role is {@link AccountRole#COMMUNITY_WORKER}. Holds no password.
 */
public record Account(long id, String username, String displayName, AccountRole role, String street,
                      List<String> communities, boolean active) {

    public Account {
        Objects.requireNonNull(role, "role");
        communities = List.copyOf(communities);
    }

    /** True when an elder of this street and community lies within the account's scope. */
    public boolean covers(String elderStreet, String elderCommunity) {
        return switch (role) {
            case DISTRICT -> true;
            case STREET -> street.equals(elderStreet);
            case COMMUNITY_WORKER -> street.equals(elderStreet) && communities.contains(elderCommunity);
        };
    }

    /** True when the whole street lies within the scope (street-wide switches such as extreme weather). */
    public boolean coversStreet(String someStreet) {
        return role == AccountRole.DISTRICT || role == AccountRole.STREET && street.equals(someStreet);
    }
}
