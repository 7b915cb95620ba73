package org.shouwang.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shouwang.model.ContactRole;
import org.shouwang.model.MainlandPhone;
import org.shouwang.model.Privacy;
import org.shouwang.model.RosterContact;
import org.shouwang.model.RosterEntry;

/**
 * Says field by field what a re-import changes about an elder, e.g. {@code 住址 已变更，联系电话
 * 138****0001→139****0002}. Addresses are never shown, phones only masked; categories and places,
 * which are not personal data, are shown in full.
 */
final class RosterDiff {

    private static final String NONE = "（空）";

    private RosterDiff() {
    }

    static List<String> changes(RosterEntry before, RosterEntry after) {
        List<String> out = new ArrayList<>();
        shown(out, RosterColumn.STREET, before.street(), after.street());
        shown(out, RosterColumn.COMMUNITY, before.community(), after.community());
        shown(out, RosterColumn.NAME, before.name(), after.name());
        if (!Objects.equals(before.address(), after.address())) {
            out.add(RosterColumn.ADDRESS.label() + " 已变更");
        }
        if (!Objects.equals(before.phone(), after.phone())) {
            out.add(RosterColumn.PHONE.label() + (Objects.equals(canonical(before.phone()), after.phone()) ? " 格式已规范"
                    : " " + masked(before.phone()) + "→" + masked(after.phone())));
        }
        shown(out, RosterColumn.CATEGORY, before.category() == null ? null : before.category().label(),
                after.category() == null ? null : after.category().label());
        shown(out, RosterColumn.CHILDREN_LOCATION, before.childrenLocation() == null ? null
                : before.childrenLocation().label(), after.childrenLocation() == null ? null
                : after.childrenLocation().label());
        if (before.lowIncomeDisabled() != after.lowIncomeDisabled()) {
            out.add("低保失能半失能 " + yesNo(before.lowIncomeDisabled()) + "→" + yesNo(after.lowIncomeDisabled()));
        }
        team(out, before.careTeam(), after.careTeam());
        shown(out, RosterColumn.AGREEMENT_SIGNED_ON, Objects.toString(before.agreementSignedOn(), null),
                Objects.toString(after.agreementSignedOn(), null));
        if (out.isEmpty() && !before.equals(after)) {
            out.add(RosterColumn.ID_NUMBER.label() + " 格式已规范");
        }
        return out;
    }

    private static void team(List<String> out, List<RosterContact> before, List<RosterContact> after) {
        Map<ContactRole, RosterContact> was = before.stream()
                .collect(Collectors.toMap(RosterContact::role, Function.identity(), (a, b) -> a));
        Map<ContactRole, RosterContact> now = after.stream()
                .collect(Collectors.toMap(RosterContact::role, Function.identity(), (a, b) -> a));
        for (ContactRole role : ContactRole.values()) {
            RosterContact a = was.get(role);
            RosterContact b = now.get(role);
            if (a == null && b != null) {
                out.add(role.label() + " 已新增");
            } else if (a != null && b == null) {
                out.add(role.label() + " 已移除");
            } else if (a != null && !a.equals(b)) {
                out.add(role.label() + " 已变更");
            }
        }
    }

    private static void shown(List<String> out, RosterColumn column, String before, String after) {
        if (!Objects.equals(before, after)) {
            out.add(column.label() + " " + (before == null ? NONE : before) + "→" + (after == null ? NONE : after));
        }
    }

    private static String masked(String phone) {
        return phone == null ? NONE : Privacy.maskPhone(phone);
    }

    private static String yesNo(boolean b) {
        return b ? "是" : "否";
    }

    /** A stored phone in canonical form, when it can be read as one. */
    private static String canonical(String phone) {
        return phone == null || !MainlandPhone.isValid(phone) ? phone : MainlandPhone.normalize(phone);
    }
}
