package org.shouwang.care;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.DutyRole;

/**
 * Supervision (街道监管, 区督查): duties met against duties due per week, per community and per person, a trend
 * over weeks, and the key elders without a signed agreement. A period counts once it has come due, met or
 * overdue; periods still running and not yet met, suspended ones and future ones do not count.
 */
public final class Compliance {

    /** Duties met of those due, for one community or one person in one week. */
    public record Row(String street, String community, DutyRole role, Long contactId, String person, int due,
                      int met) {
        /** Met / due, or null when nothing came due. */
        public Double rate() {
            return due == 0 ? null : (double) met / due;
        }
    }

    /** One week's figure in the trend. */
    public record Point(String week, LocalDate monday, int due, int met) {
        public Double rate() {
            return due == 0 ? null : (double) met / due;
        }
    }

    /** A week's supervision page: totals, per community, per person (by role), the trend up to this week. */
    public record Week(String week, LocalDate monday, int due, int met, List<Row> communities, List<Row> people,
                       List<Point> trend) {
    }

    /** A key elder without a signed agreement, for their street to follow up. */
    public record Unsigned(long elderId, String name, String street, String community, AgreementStatus status) {
    }

    public static final int TREND_WEEKS = 12;

    private final Duties duties;

    public Compliance(Duties duties) {
        this.duties = duties;
    }

    /** The week starting {@code monday} for the scope, judged on {@code today}, with the trend of the weeks before. */
    public Week week(CareScope scope, LocalDate monday, LocalDate today) {
        LocalDate first = monday.minusWeeks(TREND_WEEKS - 1);
        List<DutyItem> all = duties.items(scope, first, monday.plusDays(6), today);
        List<Point> trend = new ArrayList<>();
        for (LocalDate w = first; !w.isAfter(monday); w = w.plusWeeks(1)) {
            int[] dm = count(inWeek(all, w));
            trend.add(new Point(Weeks.of(w), w, dm[0], dm[1]));
        }
        List<DutyItem> week = inWeek(all, monday);
        int[] total = count(week);
        return new Week(Weeks.of(monday), monday, total[0], total[1], byCommunity(week), byPerson(week),
                trend);
    }

    /** The items whose period lies in the week starting {@code monday}. */
    public static List<DutyItem> inWeek(List<DutyItem> items, LocalDate monday) {
        LocalDate sunday = monday.plusDays(6);
        List<DutyItem> out = new ArrayList<>();
        for (DutyItem i : items) {
            if (!i.start().isBefore(monday) && !i.end().isAfter(sunday)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Per community, in street and community order. */
    public static List<Row> byCommunity(List<DutyItem> items) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (DutyItem i : sorted(items)) {
            if (i.countsForCompliance()) {
                rows.merge(i.street() + "/" + i.community(), new Row(i.street(), i.community(), null, null, null, 1,
                        i.state() == DutyState.MET ? 1 : 0), Compliance::add);
            }
        }
        return List.copyOf(rows.values());
    }

    /** Per person who carries duties (unassigned duties under 未指定), by role. */
    public static List<Row> byPerson(List<DutyItem> items) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (DutyItem i : sorted(items)) {
            if (i.countsForCompliance()) {
                String person = i.assigneeName() == null ? "未指定" : i.assigneeName();
                rows.merge(i.street() + "/" + i.community() + "/" + i.role() + "/" + i.assigneeContactId() + "/" + person,
                        new Row(i.street(), i.community(), i.role(), i.assigneeContactId(), person, 1,
                                i.state() == DutyState.MET ? 1 : 0), Compliance::add);
            }
        }
        return List.copyOf(rows.values());
    }

    /** The key elders of the scope without a signed agreement on {@code today}. */
    public List<Unsigned> withoutAgreement(CareScope scope, LocalDate today) {
        List<Unsigned> out = new ArrayList<>();
        for (DutyCalendar.Elder e : duties.elders(scope, today, today, today)) {
            ElderProfile p = e.profile();
            Agreement a = e.agreement();
            boolean signed = a != null ? a.status() == AgreementStatus.SIGNED : p.facts().agreementSignedOn() != null;
            if (p.isKeyElder() && !signed) {
                out.add(new Unsigned(p.elder().id(), p.elder().name(), p.elder().street(), p.elder().community(),
                        a == null ? null : a.status()));
            }
        }
        return out;
    }

    private static int[] count(List<DutyItem> items) {
        int due = 0;
        int met = 0;
        for (DutyItem i : items) {
            if (i.countsForCompliance()) {
                due++;
                met += i.state() == DutyState.MET ? 1 : 0;
            }
        }
        return new int[] {due, met};
    }

    private static List<DutyItem> sorted(List<DutyItem> items) {
        List<DutyItem> copy = new ArrayList<>(items);
        copy.sort(java.util.Comparator.comparing(DutyItem::street).thenComparing(DutyItem::community)
                .thenComparing(DutyItem::role).thenComparing(i -> i.assigneeName() == null ? "" : i.assigneeName()));
        return copy;
    }

    private static Row add(Row a, Row b) {
        return new Row(a.street(), a.community(), a.role(), a.contactId(), a.person(), a.due() + b.due(),
                a.met() + b.met());
    }
}
