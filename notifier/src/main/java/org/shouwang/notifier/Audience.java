package org.shouwang.notifier;

import org.shouwang.db.Notification;
import org.shouwang.model.ContactRole;

/**
 * Whom an escalation step pages: one role of the elder's care team, or the elder themself (a call
 * asking them to press 1 if they are well). The names are the YAML spelling.
 */
public enum Audience {
    NEIGHBOUR_VOLUNTEER(ContactRole.NEIGHBOUR_VOLUNTEER),
    COMMUNITY_WORKER(ContactRole.COMMUNITY_WORKER),
    STREET_EMERGENCY_TEAM(ContactRole.STREET_EMERGENCY_TEAM),
    HOME_CARE_ORG(ContactRole.HOME_CARE_ORG),
    FAMILY_CONTACT(ContactRole.FAMILY_CONTACT),
    STREET_OFFICE(ContactRole.STREET_OFFICE),
    ELDER(null);

    private final ContactRole role;

    Audience(ContactRole role) {
        this.role = role;
    }

    /** The care-team role, or {@code null} for {@link #ELDER}. */
    public ContactRole role() {
        return role;
    }

    /** How the timeline names this audience. */
    public String label() {
        return role == null ? "老人本人" : role.label();
    }

    /** The audience of an outbox row ({@code null} for rows written before escalation plans, and for digests). */
    static Audience of(Notification n) {
        return n.audience() == null || DigestScheduler.isDigest(n) ? null : valueOf(n.audience());
    }

    static Audience of(ContactRole role) {
        return valueOf(role.name());
    }
}
