package org.shouwang.console;

import org.shouwang.db.AccountRole;

/**
 * What a role sees in clear of an elder within its scope (console/README.md has the matrix). ID numbers
 * are never in this list: they are masked for everyone and shown only through the audited reveal action.
 * Nothing outside a person's scope is shown at all (403).
 *
 * @param phones    the elder's and the care team's phone numbers, for click-to-call
 * @param addresses the home address, for whoever has to go there
 */
record Disclosure(boolean phones, boolean addresses) {

    /** Everything masked: lists and roles that oversee rather than act. */
    static final Disclosure MASKED = new Disclosure(false, false);
    /** Phones and address in clear: the people who call and go. */
    static final Disclosure RESPONDER = new Disclosure(true, true);

    static Disclosure of(AccountRole role) {
        return switch (role) {
            case DISTRICT -> MASKED;
            case STREET, COMMUNITY_WORKER -> RESPONDER;
        };
    }
}
