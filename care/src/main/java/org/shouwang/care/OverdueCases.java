package org.shouwang.care;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.shouwang.db.AlertRecording;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;
import org.shouwang.model.care.DutyRole;
import org.shouwang.notifier.IncidentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a key elder's missed daily contact into a case for the community worker: when a role's daily period of
 * both of the last two days ended OVERDUE (a suspended day, the elder away, is not missed, so it breaks the run),
 * a {@link Rule#CONTACT_OVERDUE} alert is raised for the elder through the notifier. Its id names elder, role and
 * the second missed day, so a second run the same day is a repeat, and a third missed day attaches to the open
 * incident rather than opening another. Blocking.
 */
public final class OverdueCases {

    private static final Logger LOG = LoggerFactory.getLogger(OverdueCases.class);

    private final Duties duties;
    private final IncidentService incidents;

    public OverdueCases(Duties duties, IncidentService incidents) {
        this.duties = duties;
        this.incidents = incidents;
    }

    /** Raises the cases of the two days before {@code today}; returns how many incidents this opened. */
    public int raise(LocalDate today, Instant now) {
        LocalDate first = today.minusDays(2);
        LocalDate second = today.minusDays(1);
        DutyCalendar calendar = duties.calendar();
        int opened = 0;
        for (DutyCalendar.Elder e : duties.elders(CareScope.all(), first, second, today)) {
            if (!e.profile().isKeyElder()) {
                continue;
            }
            List<DutyItem> items = calendar.items(e, first, second, today);
            for (DutyRole role : DutyRole.values()) {
                if (missed(items, role, first) && missed(items, role, second)) {
                    opened += raise(e.profile().elder().id(), role, first, second, now) ? 1 : 0;
                }
            }
        }
        LOG.info("overdue contact cases checked [day: {}, opened: {}]", today, opened);
        return opened;
    }

    private boolean raise(long elderId, DutyRole role, LocalDate first, LocalDate second, Instant now) {
        Alert alert = new Alert(alertId(elderId, role, second), Rule.CONTACT_OVERDUE, null, now,
                role.label() + "连续2天（" + first + "、" + second + "）未完成每日探访或电话");
        Optional<AlertRecording> r = incidents.handleForElder(elderId, alert);
        boolean opened = r.isPresent() && r.get().outcome() == AlertRecording.Outcome.OPENED;
        if (opened) {
            LOG.info("overdue contact case opened [incident: {}, elder: {}, role: {}]", r.get().incident().id(),
                    elderId, role);
        }
        return opened;
    }

    private static boolean missed(List<DutyItem> items, DutyRole role, LocalDate day) {
        return items.stream().anyMatch(i -> i.role() == role && i.period() == Frequency.Period.DAY
                && i.start().equals(day) && i.state() == DutyState.OVERDUE);
    }

    /** One alert per elder, role and the second missed day. */
    static String alertId(long elderId, DutyRole role, LocalDate secondMissedDay) {
        return "CONTACT_OVERDUE:" + elderId + ":" + role + ":" + secondMissedDay;
    }
}
