package org.shouwang.care;

import java.util.List;
import org.shouwang.db.Account;

/**
 * Which elders a question is about: a street (null: every street) and, within it, some communities (null: all
 * of them). A community worker's scope is their own communities, a street's its street, the district's all.
 */
public record CareScope(String street, List<String> communities) {

    public CareScope {
        communities = communities == null ? null : List.copyOf(communities);
    }

    public static CareScope all() {
        return new CareScope(null, null);
    }

    /** The scope of an account's role. */
    public static CareScope of(Account account) {
        return switch (account.role()) {
            case DISTRICT -> all();
            case STREET -> new CareScope(account.street(), null);
            case COMMUNITY_WORKER -> new CareScope(account.street(), account.communities());
        };
    }

    /** True when an elder of this street and community lies within the scope. */
    public boolean covers(String elderStreet, String elderCommunity) {
        return (street == null || street.equals(elderStreet))
                && (communities == null || communities.contains(elderCommunity));
    }

    /** This scope narrowed to a street and/or community asked for; null arguments narrow nothing. */
    public CareScope narrowed(String toStreet, String toCommunity) {
        String s = toStreet == null ? street : toStreet;
        if (street != null && toStreet != null && !street.equals(toStreet)) {
            throw new IllegalArgumentException("outside scope");
        }
        List<String> c = communities;
        if (toCommunity != null) {
            if (communities != null && !communities.contains(toCommunity)) {
                throw new IllegalArgumentException("outside scope");
            }
            c = List.of(toCommunity);
        }
        return new CareScope(s, c);
    }
}
