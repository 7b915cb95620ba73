package org.shouwang.model.care;

import org.shouwang.model.ContactRole;

/**
 * The roles the policy gives a contact duty (part 二): the community worker (乙), the neighbour-relative or
 * volunteer (丙) and the home-care service organisation, each the care-team role of the same name.
 */
public enum DutyRole {
    COMMUNITY_WORKER(ContactRole.COMMUNITY_WORKER),
    NEIGHBOUR_VOLUNTEER(ContactRole.NEIGHBOUR_VOLUNTEER),
    HOME_CARE_ORG(ContactRole.HOME_CARE_ORG);

    private final ContactRole contactRole;

    DutyRole(ContactRole contactRole) {
        this.contactRole = contactRole;
    }

    public ContactRole contactRole() {
        return contactRole;
    }

    public String label() {
        return contactRole.label();
    }

    /** The duty role a care-team role carries, if any. */
    public static java.util.Optional<DutyRole> of(ContactRole role) {
        for (DutyRole d : values()) {
            if (d.contactRole == role) {
                return java.util.Optional.of(d);
            }
        }
        return java.util.Optional.empty();
    }
}
