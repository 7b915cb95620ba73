package org.shouwang.roster;

/**
 * How to import a roster.
 *
 * @param skipInvalid false (the default): refuse the whole file if any row is invalid; true: import
 *                    the valid rows and list the rejected ones
 * @param actor       who imports, for the audit trail (a login, or {@code cli:<user>})
 */
public record RosterImportOptions(boolean skipInvalid, String actor) {

    public RosterImportOptions {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("actor is required for the audit trail");
        }
    }
}
