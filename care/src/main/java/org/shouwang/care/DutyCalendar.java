package org.shouwang.care;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.shouwang.model.Absence;
import org.shouwang.model.CareContact;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.DutyRole;

/**
 * The duties of one elder over a range of days, judged on {@code today}. Plain Java, no clock of its own.
 *
 * <p>Who has which duty: the community worker and the neighbour or volunteer for a key elder, or for any elder
 * with an agreement drawn up or signed (四方关爱); the home-care organisation for an elder who has one in the care
 * team. A care record counts for the duty of its role, whoever of that role made it; water use never counts.
 *
 * <p>Periods: calendar days and Monday-Sunday weeks in Asia/Shanghai. On an extreme-weather day every role has a
 * daily duty of one contact; a weekly duty stays for its week (the day's contacts count for both) unless every
 * day of the week was extreme. A registered absence suspends the days it touches: a daily duty of such a day is
 * suspended, and a weekly duty asks its contacts pro rata of the days at home, rounded up (two a week become one
 * for one to three days at home, none when the elder was away all week).
 */
public final class DutyCalendar {

    /**
     * Everything about one elder that their duties depend on; {@code registered} is the day the elder came on the
     * platform (null: no bound): nothing is due before it, and its first week asks pro rata of the days since.
     */
    public record Elder(ElderProfile profile, Agreement agreement, List<CareRecord> records, List<Absence> absences,
                        WeatherDays weather, LocalDate registered) {
        public Elder {
            Objects.requireNonNull(profile, "profile");
            records = List.copyOf(records);
            absences = List.copyOf(absences);
            weather = weather == null ? WeatherDays.none() : weather;
        }
    }

    private final DutyPolicy policy;

    public DutyCalendar(DutyPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The roles that carry a duty for this elder. */
    public static List<DutyRole> roles(ElderProfile profile, Agreement agreement) {
        boolean agreed = agreement != null && agreement.status() != AgreementStatus.ENDED;
        List<DutyRole> out = new ArrayList<>();
        if (profile.isKeyElder() || agreed) {
            out.add(DutyRole.COMMUNITY_WORKER);
            out.add(DutyRole.NEIGHBOUR_VOLUNTEER);
        }
        if (profile.careTeam().stream().anyMatch(c -> c.role() == DutyRole.HOME_CARE_ORG.contactRole())) {
            out.add(DutyRole.HOME_CARE_ORG);
        }
        return out;
    }

    /** The care contact who carries {@code role}'s duty: the agreement's party while it binds, else the first of the role. */
    public static CareContact assignee(ElderProfile profile, Agreement agreement, DutyRole role) {
        Long named = agreement == null || agreement.status() == AgreementStatus.ENDED ? null
                : role == DutyRole.COMMUNITY_WORKER ? agreement.communityWorkerId()
                : role == DutyRole.NEIGHBOUR_VOLUNTEER ? agreement.neighbourId() : null;
        CareContact first = null;
        for (CareContact c : profile.careTeam()) {
            if (named != null && c.id() == named) {
                return c;
            }
            if (first == null && c.role() == role.contactRole()) {
                first = c;
            }
        }
        return first;
    }

    /** Every duty period of the elder that overlaps {@code from..to}, judged on {@code today}, in time order per role. */
    public List<DutyItem> items(Elder e, LocalDate from, LocalDate to, LocalDate today) {
        List<DutyItem> out = new ArrayList<>();
        for (DutyRole role : roles(e.profile(), e.agreement())) {
            CareContact who = assignee(e.profile(), e.agreement(), role);
            Frequency normal = policy.normal(e.profile().elder().street(), role);
            LocalDate first = e.registered() != null && e.registered().isAfter(from) ? e.registered() : from;
            if (normal.period() == Frequency.Period.DAY) {
                for (LocalDate d = first; !d.isAfter(to); d = d.plusDays(1)) {
                    boolean extreme = e.weather().extreme(d);
                    int required = extreme ? Math.max(normal.contacts(), DutyPolicy.EXTREME_WEATHER.contacts())
                            : normal.contacts();
                    out.add(item(e, role, who, Frequency.Period.DAY, d, d, away(e, d) ? 0 : required, extreme, today));
                }
                continue;
            }
            LocalDate week = monday(first);
            for (; !week.isAfter(to); week = week.plusWeeks(1)) {
                LocalDate sunday = week.plusDays(6);
                int extremeDays = 0;
                int home = 0;
                for (LocalDate d = week; !d.isAfter(sunday); d = d.plusDays(1)) {
                    if (e.registered() != null && d.isBefore(e.registered())) {
                        continue;
                    }
                    boolean extreme = e.weather().extreme(d);
                    boolean away = away(e, d);
                    extremeDays += extreme ? 1 : 0;
                    home += away ? 0 : 1;
                    if (extreme && !d.isBefore(from) && !d.isAfter(to)) {
                        out.add(item(e, role, who, Frequency.Period.DAY, d, d,
                                away ? 0 : DutyPolicy.EXTREME_WEATHER.contacts(), true, today));
                    }
                }
                if (extremeDays < 7 && !(e.registered() != null && sunday.isBefore(e.registered()))) {
                    int required = (normal.contacts() * home + 6) / 7;
                    out.add(item(e, role, who, Frequency.Period.WEEK, week, sunday, required, false, today));
                }
            }
        }
        return out;
    }

    /** The Monday of {@code day}'s week. */
    public static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private DutyItem item(Elder e, DutyRole role, CareContact who, Frequency.Period period, LocalDate start,
                          LocalDate end, int required, boolean extreme, LocalDate today) {
        Instant from = start.atStartOfDay(ResidentId.ZONE).toInstant();
        Instant until = end.plusDays(1).atStartOfDay(ResidentId.ZONE).toInstant();
        int done = 0;
        for (CareRecord r : e.records()) {
            if (r.role() == role.contactRole() && !r.at().isBefore(from) && r.at().isBefore(until)) {
                done++;
            }
        }
        DutyState state = required == 0 ? DutyState.SUSPENDED
                : done >= required ? DutyState.MET
                : start.isAfter(today) ? DutyState.UPCOMING
                : end.isBefore(today) ? DutyState.OVERDUE
                : DutyState.DUE;
        org.shouwang.model.Elder elder = e.profile().elder();
        return new DutyItem(elder.id(), elder.name(), elder.street(), elder.community(), role,
                who == null ? null : who.id(), who == null ? null : who.name(), period, start, end, required, done,
                state, extreme, e.profile().isKeyElder());
    }

    /** True when a registered absence of the elder touches {@code day} (Asia/Shanghai): its duties are suspended. */
    public static boolean away(Elder e, LocalDate day) {
        Instant start = day.atStartOfDay(ResidentId.ZONE).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ResidentId.ZONE).toInstant();
        for (Absence a : e.absences()) {
            if (a.from().isBefore(end) && a.to().isAfter(start)) {
                return true;
            }
        }
        return false;
    }
}
