package org.shouwang.notifier;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shouwang.db.Notification;
import org.shouwang.model.CareContact;

/** How the timeline names whom a page was for: role and name, never the number. */
final class Who {

    static final String UNKNOWN = "未登记联系人";
    static final String MAINTENANCE_DESK = "设备维护值班（维护日报）";

    private Who() {
    }

    static String of(CareContact c) {
        return c.role().label() + " " + c.name();
    }

    /** The person of an outbox row, given the incident's care team. */
    static String of(Notification n, Map<Long, CareContact> team) {
        if (DigestScheduler.isDigest(n)) {
            return MAINTENANCE_DESK;
        }
        if (n.toElder()) {
            return Audience.ELDER.label();
        }
        CareContact c = n.contactId() == null ? null : team.get(n.contactId());
        return c == null ? UNKNOWN : of(c);
    }

    static Map<Long, CareContact> byId(List<CareContact> contacts) {
        return contacts.stream().collect(Collectors.toMap(CareContact::id, Function.identity(), (a, b) -> a));
    }
}
