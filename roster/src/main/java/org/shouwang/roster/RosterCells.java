package org.shouwang.roster;

import java.util.ArrayList;
import java.util.List;
import org.shouwang.model.ContactRole;
import org.shouwang.model.RosterEntry;

/** An entry written back as the roster's cell texts: the inverse of reading a row. */
final class RosterCells {

    private RosterCells() {
    }

    static List<String> values(int seq, RosterEntry e, List<RosterColumn> columns) {
        List<String> out = new ArrayList<>(columns.size());
        for (RosterColumn c : columns) {
            out.add(value(seq, e, c));
        }
        return out;
    }

    static String value(int seq, RosterEntry e, RosterColumn c) {
        return switch (c) {
            case SEQ -> Integer.toString(seq);
            case STREET -> e.street();
            case COMMUNITY -> e.community();
            case NAME -> e.name();
            case ID_NUMBER -> e.idNumber();
            case ADDRESS -> e.address();
            case PHONE -> e.phone();
            case CATEGORY -> e.category() == null ? "" : e.category().label();
            case CHILDREN_LOCATION -> e.childrenLocation() == null ? "" : e.childrenLocation().label();
            case LOW_INCOME_DISABLED -> e.lowIncomeDisabled() ? "是" : "否";
            case COMMUNITY_WORKER -> contact(e, ContactRole.COMMUNITY_WORKER, false);
            case COMMUNITY_WORKER_PHONE -> contact(e, ContactRole.COMMUNITY_WORKER, true);
            case NEIGHBOUR -> contact(e, ContactRole.NEIGHBOUR_VOLUNTEER, false);
            case NEIGHBOUR_PHONE -> contact(e, ContactRole.NEIGHBOUR_VOLUNTEER, true);
            case FAMILY_CONTACT -> contact(e, ContactRole.FAMILY_CONTACT, false);
            case FAMILY_CONTACT_PHONE -> contact(e, ContactRole.FAMILY_CONTACT, true);
            case HOME_CARE_ORG -> contact(e, ContactRole.HOME_CARE_ORG, false);
            case HOME_CARE_ORG_PHONE -> contact(e, ContactRole.HOME_CARE_ORG, true);
            case AGREEMENT_SIGNED_ON -> e.agreementSignedOn() == null ? "" : e.agreementSignedOn().toString();
        };
    }

    private static String contact(RosterEntry e, ContactRole role, boolean phone) {
        return e.careTeam().stream().filter(c -> c.role() == role).findFirst()
                .map(c -> phone ? c.phone() : c.name()).orElse("");
    }
}
