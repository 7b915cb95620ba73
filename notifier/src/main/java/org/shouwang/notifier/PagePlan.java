package org.shouwang.notifier;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Severity;

/**
 * Who is paged as soon as an incident opens (step 0). This slice pages the elder's neighbour or
 * volunteer, community worker and family contact at once; escalation plans per severity (the street
 * emergency team after five minutes, repeats, voice calls) replace it in issue 5.
 */
final class PagePlan {

    static final Set<ContactRole> FIRST_STEP_ROLES = EnumSet.of(ContactRole.NEIGHBOUR_VOLUNTEER,
            ContactRole.COMMUNITY_WORKER, ContactRole.FAMILY_CONTACT);

    /**
     * The first step for one incident.
     *
     * @param toPage       contacts to page, in the registry's order
     * @param withoutPhone contacts of the step who cannot be paged: noted on the timeline, never dropped quietly
     * @param samePhone    contacts whose number an earlier contact of the step already has: one SMS is enough
     */
    record FirstStep(List<CareContact> toPage, List<CareContact> withoutPhone, List<CareContact> samePhone) {
    }

    private PagePlan() {
    }

    /**
     * Technical alerts (a silent device, a low battery) belong to a maintenance list, not on care
     * contacts' phones (DESIGN.md), so they page nobody here.
     */
    static FirstStep firstStep(Severity severity, List<CareContact> contacts) {
        List<CareContact> toPage = new ArrayList<>();
        List<CareContact> withoutPhone = new ArrayList<>();
        List<CareContact> samePhone = new ArrayList<>();
        if (severity == Severity.TECHNICAL) {
            return new FirstStep(toPage, withoutPhone, samePhone);
        }
        Set<String> numbers = new HashSet<>();
        for (CareContact c : contacts) {
            if (!FIRST_STEP_ROLES.contains(c.role())) {
                continue;
            }
            if (c.phone() == null || c.phone().isBlank()) {
                withoutPhone.add(c);
            } else if (!numbers.add(digits(c.phone()))) {
                samePhone.add(c);
            } else {
                toPage.add(c);
            }
        }
        return new FirstStep(toPage, withoutPhone, samePhone);
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    /** How a contact appears on the timeline: role and name, never the number. */
    static String who(CareContact c) {
        return c == null ? "未登记联系人" : c.role().label() + " " + c.name();
    }
}
