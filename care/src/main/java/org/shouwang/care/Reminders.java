package org.shouwang.care;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shouwang.db.CareMessage;
import org.shouwang.db.CareMessageStore;
import org.shouwang.db.CareMessageStore.ReminderDraft;
import org.shouwang.model.CareContact;
import org.shouwang.model.PhoneNumbers;
import org.shouwang.notifier.PageTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the day's duty reminders to the care outbox: one SMS to the care contact who carries a duty (its
 * assignee, with a phone) per contact, elder, role and period and day, at most once whatever happens twice.
 *
 * <p>Which days: a daily duty is reminded each day it is due (not met, not suspended). A weekly duty is reminded
 * on the first day of its week the elder is at home (Monday, unless an absence covers it) and again on the last
 * day at home (Sunday, as a rule) if it is still not met; never on the days in between, so a twice-a-week duty
 * costs at most two texts a week. On an extreme-weather day the role's daily duty is reminded instead of the
 * weekly one (a contact that day counts for both). Blocking: worker threads only.
 */
public final class Reminders {

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);

    private final Duties duties;
    private final CareMessageStore messages;

    public Reminders(Duties duties, CareMessageStore messages) {
        this.duties = duties;
        this.messages = messages;
    }

    /** Writes the reminders due on {@code today}; returns how many were new. */
    public int write(LocalDate today, Instant now) {
        DutyCalendar calendar = duties.calendar();
        Map<String, List<ReminderDraft>> byRecipient = new LinkedHashMap<>();
        Map<String, DutyItem> byKey = new HashMap<>();
        int unreachable = 0;
        for (DutyCalendar.Elder e : duties.elders(CareScope.all(), today, today, today)) {
            List<DutyItem> items = calendar.items(e, today, today, today);
            for (DutyItem i : items) {
                if (!remindedToday(e, i, items, today)) {
                    continue;
                }
                Optional<CareContact> who = assignee(e, i);
                if (who.isEmpty()) {
                    unreachable++;
                    continue;
                }
                ReminderDraft d = new ReminderDraft(key(i, who.get().id(), today), i.elderId(), who.get().id(),
                        i.role().contactRole(), i.start(), i.end());
                byKey.put(d.idempotencyKey(), i);
                byRecipient.computeIfAbsent(PhoneNumbers.toE164(who.get().phone()), k -> new ArrayList<>()).add(d);
            }
        }
        int written = 0;
        for (Map.Entry<String, List<ReminderDraft>> r : byRecipient.entrySet()) {
            List<CareMessage> w = messages.writeReminders(r.getKey(), r.getValue(),
                    (d, code, open) -> new CareMessageStore.Text(
                            CareTexts.reminder(byKey.get(d.idempotencyKey()), code, open),
                            PageTemplates.toJson(CareTexts.reminderTemplate(byKey.get(d.idempotencyKey()), code, open))),
                    today, now);
            written += w.size();
            w.forEach(m -> LOG.debug("reminder written [message: {}, elder: {}, role: {}, code: {}]", m.id(),
                    m.elderId(), m.role(), m.replyCode()));
        }
        LOG.info("duty reminders written [day: {}, new: {}, recipients: {}, without a reachable assignee: {}]", today,
                written, byRecipient.size(), unreachable);
        return written;
    }

    /** Whether this duty period gets a reminder today (see the class comment for the choice of days). */
    static boolean remindedToday(DutyCalendar.Elder e, DutyItem i, List<DutyItem> today, LocalDate day) {
        if (i.state() != DutyState.DUE) {
            return false;
        }
        if (i.period() == Frequency.Period.DAY) {
            return true;
        }
        boolean dailyToday = today.stream().anyMatch(o -> o.role() == i.role() && o.period() == Frequency.Period.DAY);
        if (dailyToday) {
            return false;
        }
        LocalDate first = null;
        LocalDate last = null;
        for (LocalDate d = i.start(); !d.isAfter(i.end()); d = d.plusDays(1)) {
            if (!DutyCalendar.away(e, d)) {
                first = first == null ? d : first;
                last = d;
            }
        }
        return day.equals(first) || day.equals(last);
    }

    private static Optional<CareContact> assignee(DutyCalendar.Elder e, DutyItem i) {
        if (i.assigneeContactId() == null) {
            return Optional.empty();
        }
        return e.profile().careTeam().stream()
                .filter(c -> c.id() == i.assigneeContactId() && c.phone() != null && !c.phone().isBlank())
                .findFirst();
    }

    /** One reminder per contact, elder, role, period and day: a weekly period has at most two such days. */
    static String key(DutyItem i, long contactId, LocalDate day) {
        return "reminder:c" + contactId + ":e" + i.elderId() + ":" + i.role() + ":" + i.start() + ".." + i.end()
                + ":" + day;
    }
}
