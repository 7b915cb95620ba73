package org.shouwang.care;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.db.AbsenceStore;
import org.shouwang.db.CareStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.WeatherStore;
import org.shouwang.model.Absence;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.ResidentId;
import org.shouwang.model.WeatherModeChange;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.CareRecord;

/**
 * The duties of every elder in a scope over a range of days, read from the registry, the agreements, the care
 * records, the absences and the extreme-weather switches, and judged by {@link DutyCalendar} under the policy and
 * the streets' settings. Blocking JDBC: worker threads only.
 */
public final class Duties {

    private final RegistryStore registry;
    private final CareStore care;
    private final AbsenceStore absences;
    private final WeatherStore weather;

    public Duties(RegistryStore registry, CareStore care, AbsenceStore absences, WeatherStore weather) {
        this.registry = registry;
        this.care = care;
        this.absences = absences;
        this.weather = weather;
    }

    /** The elders of a scope with everything their duties depend on for {@code from..to}, judged as of {@code today}. */
    public List<DutyCalendar.Elder> elders(CareScope scope, LocalDate from, LocalDate to, LocalDate today) {
        // Weekly periods reach back to the Monday of the first week and on to the Sunday of the last.
        LocalDate start = DutyCalendar.monday(from);
        LocalDate end = DutyCalendar.monday(to).plusDays(6);
        Instant since = start.atStartOfDay(ResidentId.ZONE).toInstant();
        Instant until = end.plusDays(1).atStartOfDay(ResidentId.ZONE).toInstant();
        List<ElderProfile> profiles = registry.profiles(scope.street(), scope.communities(), today);
        Map<Long, Agreement> agreements = care.agreements(scope.street(), scope.communities());
        Map<Long, List<CareRecord>> records = new HashMap<>();
        for (CareRecord r : care.inScope(scope.street(), scope.communities(), since, until)) {
            records.computeIfAbsent(r.elderId(), k -> new ArrayList<>()).add(r);
        }
        Map<Long, List<Absence>> away = new HashMap<>();
        for (Absence a : absences.inForceSince(since)) {
            if (a.from().isBefore(until)) {
                away.computeIfAbsent(a.elderId(), k -> new ArrayList<>()).add(a);
            }
        }
        Map<Long, LocalDate> registered = care.registeredOn(scope.street(), scope.communities());
        List<WeatherModeChange> switches = weather.history(Integer.MAX_VALUE);
        Map<String, WeatherDays> days = new HashMap<>();
        List<DutyCalendar.Elder> out = new ArrayList<>(profiles.size());
        for (ElderProfile p : profiles) {
            long id = p.elder().id();
            out.add(new DutyCalendar.Elder(p, agreements.get(id), records.getOrDefault(id, List.of()),
                    away.getOrDefault(id, List.of()), days.computeIfAbsent(p.elder().street(),
                    s -> WeatherDays.of(switches, s)), registered.get(id)));
        }
        return out;
    }

    /** The calendar under the policy and the streets' settings as stored now. */
    public DutyCalendar calendar() {
        return new DutyCalendar(DutyPolicy.of(care.dutySettings()));
    }

    /** Every duty period overlapping {@code from..to} of the elders in scope, judged on {@code today}. */
    public List<DutyItem> items(CareScope scope, LocalDate from, LocalDate to, LocalDate today) {
        DutyCalendar calendar = calendar();
        List<DutyItem> out = new ArrayList<>();
        for (DutyCalendar.Elder e : elders(scope, from, to, today)) {
            out.addAll(calendar.items(e, from, to, today));
        }
        return out;
    }

    /** How far back the overdue list reaches: last week's weekly duties and the daily ones of the past seven days. */
    public static final int OVERDUE_LOOKBACK_DAYS = 7;

    /** Duty periods that ended before {@code day} without their contacts, within {@link #OVERDUE_LOOKBACK_DAYS}. */
    public List<DutyItem> overdue(CareScope scope, LocalDate day) {
        List<DutyItem> out = new ArrayList<>();
        for (DutyItem i : items(scope, day.minusDays(OVERDUE_LOOKBACK_DAYS), day.minusDays(1), day)) {
            if (i.state() == DutyState.OVERDUE && i.end().isAfter(day.minusDays(OVERDUE_LOOKBACK_DAYS + 1))) {
                out.add(i);
            }
        }
        return out;
    }

    /** The duty periods running on {@code day} (met or not), judged on that day. */
    public List<DutyItem> on(CareScope scope, LocalDate day) {
        return items(scope, day, day, day);
    }
}
