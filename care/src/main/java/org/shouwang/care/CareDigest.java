package org.shouwang.care;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shouwang.db.CareMessageStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.ContactRole;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The morning digest of overdue duties (the overdue list of {@link Duties#overdue}): one SMS a day to each
 * community worker (the care contacts of role COMMUNITY_WORKER, one per phone) about the elders they are the
 * worker of, and to each street office (contacts of role STREET_OFFICE, one per phone) about every elder of
 * their street(s); only when something is overdue. A phone that is both gets the street's digest, which covers
 * the other. Written once per recipient and day under {@code care-digest:<day>:<phone>}. Blocking.
 */
public final class CareDigest {

    private static final Logger LOG = LoggerFactory.getLogger(CareDigest.class);

    private final Duties duties;
    private final RegistryStore registry;
    private final CareMessageStore messages;

    public CareDigest(Duties duties, RegistryStore registry, CareMessageStore messages) {
        this.duties = duties;
        this.registry = registry;
        this.messages = messages;
    }

    /** Writes today's digests; returns how many were new. */
    public int write(LocalDate today, Instant now) {
        List<DutyItem> overdue = duties.overdue(CareScope.all(), today);
        if (overdue.isEmpty()) {
            LOG.info("care digest has nothing to report [day: {}]", today);
            return 0;
        }
        Map<String, Set<Long>> workers = new LinkedHashMap<>();
        Map<String, Set<String>> offices = new LinkedHashMap<>();
        for (ElderProfile p : registry.profiles(null, null, today)) {
            for (CareContact c : p.careTeam()) {
                if (c.phone() == null || c.phone().isBlank()) {
                    continue;
                }
                String phone = PhoneNumbers.toE164(c.phone());
                if (c.role() == ContactRole.COMMUNITY_WORKER) {
                    workers.computeIfAbsent(phone, k -> new LinkedHashSet<>()).add(p.elder().id());
                } else if (c.role() == ContactRole.STREET_OFFICE) {
                    offices.computeIfAbsent(phone, k -> new LinkedHashSet<>()).add(p.elder().street());
                }
            }
        }
        int written = 0;
        for (Map.Entry<String, Set<String>> o : offices.entrySet()) {
            List<DutyItem> theirs = overdue.stream().filter(i -> o.getValue().contains(i.street())).toList();
            if (!theirs.isEmpty()) {
                written += write(today, o.getKey(), CareTexts.streetDigest(new ArrayList<>(o.getValue()),
                        theirs.size(), names(theirs)), now);
            }
        }
        for (Map.Entry<String, Set<Long>> w : workers.entrySet()) {
            if (offices.containsKey(w.getKey())) {
                continue;
            }
            List<DutyItem> theirs = overdue.stream().filter(i -> w.getValue().contains(i.elderId())).toList();
            if (!theirs.isEmpty()) {
                written += write(today, w.getKey(), CareTexts.workerDigest(theirs.size(), names(theirs)), now);
            }
        }
        LOG.info("care digest written [day: {}, overdue: {}, new: {}]", today, overdue.size(), written);
        return written;
    }

    private int write(LocalDate day, String phone, String body, Instant now) {
        return messages.writeDigest(key(day, phone), phone, body, now) ? 1 : 0;
    }

    /** The elders' names, each once, in the order of the list. */
    private static List<String> names(List<DutyItem> items) {
        return List.copyOf(items.stream().map(DutyItem::elderName).collect(
                java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    static String key(LocalDate day, String phone) {
        return "care-digest:" + day + ":" + phone;
    }
}
