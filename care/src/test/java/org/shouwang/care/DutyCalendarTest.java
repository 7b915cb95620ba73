package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Absence;
import org.shouwang.model.CareContact;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.ResidentId;
import org.shouwang.model.Sex;
import org.shouwang.model.WeatherModeChange;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.CareRecord;
import org.shouwang.model.care.DutyRole;

/** The policy's contact duties at their boundaries: weeks, days, extreme weather, absences, who carries them. */
class DutyCalendarTest {

    /** Monday 2026-11-30 .. Sunday 2026-12-06. */
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    static final String STREET = "平江街道";

    private final DutyCalendar calendar = new DutyCalendar(DutyPolicy.policy());
    private final List<CareRecord> records = new ArrayList<>();
    private final List<Absence> absences = new ArrayList<>();
    private WeatherDays weather = WeatherDays.none();
    private long nextId = 1;

    static ElderProfile keyElder() {
        Elder elder = new Elder(7, "王秀英", "320508194003150042", STREET, "大儒巷社区", "大儒巷12号", "13800000001", true);
        ElderFacts facts = new ElderFacts(ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, false,
                LocalDate.of(1940, 3, 15), Sex.FEMALE, null);
        List<CareContact> team = List.of(new CareContact(11, 7, ContactRole.COMMUNITY_WORKER, "张社工", "13900000002", 0),
                new CareContact(12, 7, ContactRole.NEIGHBOUR_VOLUNTEER, "李邻居", "13900000003", 0),
                new CareContact(13, 7, ContactRole.NEIGHBOUR_VOLUNTEER, "赵志愿", "13900000004", 1));
        return ElderProfile.of(elder, facts, team, List.of(), MONDAY);
    }

    static Instant at(LocalDate day, int hour) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, 0)).atZone(ResidentId.ZONE).toInstant();
    }

    private void contact(ContactRole role, Instant at) {
        records.add(new CareRecord(nextId++, 7, role, null, null, "某人", CareKind.PHONE, at, null, List.of(), null,
                false, null, at, "test"));
    }

    private LocalDate registered;

    private List<DutyItem> items(ElderProfile p, Agreement a, LocalDate from, LocalDate to, LocalDate today) {
        return calendar.items(new DutyCalendar.Elder(p, a, records, absences, weather, registered), from, to, today);
    }

    /** The community worker's duty for the week of 2026-11-30, judged on {@code today}. */
    private DutyItem week(LocalDate today) {
        return items(keyElder(), null, MONDAY, MONDAY, today).stream()
                .filter(i -> i.role() == DutyRole.COMMUNITY_WORKER && i.period() == Frequency.Period.WEEK)
                .findFirst().orElseThrow();
    }

    private DutyItem day(DutyRole role, LocalDate day, LocalDate today) {
        return items(keyElder(), null, day, day, today).stream()
                .filter(i -> i.role() == role && i.period() == Frequency.Period.DAY).findFirst().orElseThrow();
    }

    @Test
    void theCommunityWorkersWeekIsDueUntilTheSecondContactAndOverdueFromTheNextMondayWithFewer() {
        contact(ContactRole.COMMUNITY_WORKER, at(MONDAY, 10));
        assertThat(week(MONDAY.plusDays(2)).state()).isEqualTo(DutyState.DUE);
        assertThat(week(MONDAY.plusDays(2)).done()).isEqualTo(1);
        assertThat(week(MONDAY.plusDays(6)).state()).as("Sunday, still one short").isEqualTo(DutyState.DUE);
        assertThat(week(MONDAY.plusDays(7)).state()).as("the next Monday").isEqualTo(DutyState.OVERDUE);
        assertThat(items(keyElder(), null, MONDAY.plusDays(7), MONDAY.plusDays(7), MONDAY.plusDays(7)))
                .filteredOn(i -> i.period() == Frequency.Period.WEEK).extracting(DutyItem::start)
                .as("a new week begins for the next Monday").containsOnly(MONDAY.plusDays(7));

        // Sunday 23:59 Shanghai time is still the week; the second contact there meets it.
        contact(ContactRole.COMMUNITY_WORKER, at(MONDAY.plusDays(6), 23).plusSeconds(59 * 60));
        assertThat(week(MONDAY.plusDays(7)).state()).isEqualTo(DutyState.MET);
    }

    @Test
    void aContactOfAnotherRoleOrAfterMidnightSundayDoesNotCountForTheWeek() {
        contact(ContactRole.COMMUNITY_WORKER, at(MONDAY, 10));
        contact(ContactRole.NEIGHBOUR_VOLUNTEER, at(MONDAY.plusDays(1), 10));
        contact(ContactRole.COMMUNITY_WORKER, at(MONDAY.plusDays(7), 0));
        assertThat(week(MONDAY.plusDays(7)).done()).isEqualTo(1);
        assertThat(week(MONDAY.plusDays(7)).state()).isEqualTo(DutyState.OVERDUE);
    }

    @Test
    void theNeighboursDailyDutyIsDueThroughTheDayAndOverdueAtMidnightShanghaiTime() {
        LocalDate tue = MONDAY.plusDays(1);
        assertThat(day(DutyRole.NEIGHBOUR_VOLUNTEER, tue, tue).state()).isEqualTo(DutyState.DUE);
        assertThat(day(DutyRole.NEIGHBOUR_VOLUNTEER, tue, tue.plusDays(1)).state()).isEqualTo(DutyState.OVERDUE);
        // 23:30 on Tuesday in Shanghai is 15:30 UTC: it is Tuesday's contact, not Wednesday's.
        contact(ContactRole.NEIGHBOUR_VOLUNTEER, at(tue, 23).plusSeconds(30 * 60));
        assertThat(day(DutyRole.NEIGHBOUR_VOLUNTEER, tue, tue.plusDays(1)).state()).isEqualTo(DutyState.MET);
        assertThat(day(DutyRole.NEIGHBOUR_VOLUNTEER, tue.plusDays(1), tue.plusDays(1)).state())
                .isEqualTo(DutyState.DUE);
        assertThat(day(DutyRole.NEIGHBOUR_VOLUNTEER, tue.plusDays(2), tue.plusDays(1)).state())
                .isEqualTo(DutyState.UPCOMING);
    }

    @Test
    void extremeWeatherSwitchedOnWednesdayAfternoonMakesTheCommunityWorkerDailyFromWednesdayUntilTheDayItIsOff() {
        LocalDate wed = MONDAY.plusDays(2);
        LocalDate fri = MONDAY.plusDays(4);
        weather = WeatherDays.of(List.of(new WeatherModeChange(1, STREET, true, at(wed, 15), "街道"),
                new WeatherModeChange(2, STREET, false, at(fri, 10), "街道")), STREET);
        List<DutyItem> all = items(keyElder(), null, MONDAY, MONDAY.plusDays(6), MONDAY.plusDays(6));

        assertThat(all).filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER && i.period() == Frequency.Period.DAY)
                .extracting(DutyItem::start).containsExactly(wed, wed.plusDays(1), fri);
        assertThat(all).filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER && i.period() == Frequency.Period.DAY)
                .allMatch(DutyItem::extremeWeather);
        assertThat(all).filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER && i.period() == Frequency.Period.WEEK)
                .as("the week's two contacts stay").singleElement().extracting(DutyItem::required).isEqualTo(2);
        // The neighbour is daily anyway: no second daily item on the extreme days.
        assertThat(all).filteredOn(i -> i.role() == DutyRole.NEIGHBOUR_VOLUNTEER).hasSize(7);
        // The next week, back to normal: weekly only.
        assertThat(items(keyElder(), null, MONDAY.plusDays(7), MONDAY.plusDays(13), MONDAY.plusDays(7)))
                .filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER).singleElement()
                .extracting(DutyItem::period).isEqualTo(Frequency.Period.WEEK);
    }

    @Test
    void aDistrictWideSwitchCountsForEveryStreetAndAWholeExtremeWeekHasNoWeeklyDuty() {
        weather = WeatherDays.of(List.of(new WeatherModeChange(1, null, true, at(MONDAY.minusDays(1), 8), "区")),
                STREET);
        List<DutyItem> all = items(keyElder(), null, MONDAY, MONDAY.plusDays(6), MONDAY);
        assertThat(all).filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER)
                .allMatch(i -> i.period() == Frequency.Period.DAY).hasSize(7);
        assertThat(WeatherDays.of(List.of(new WeatherModeChange(1, "沧浪街道", true, at(MONDAY, 8), "街道")), STREET)
                .extreme(MONDAY)).as("another street's switch").isFalse();
    }

    @Test
    void anAbsenceSuspendsTheDaysItTouchesAndScalesTheWeekPerDaysAtHome() {
        // Away from Monday 14:00 to Thursday 10:00: Monday to Thursday touched, three days at home.
        absences.add(new Absence(1, 7, at(MONDAY, 14), at(MONDAY.plusDays(3), 10), "住院", at(MONDAY, 9), "社工"));
        List<DutyItem> all = items(keyElder(), null, MONDAY, MONDAY.plusDays(6), MONDAY.plusDays(7));
        assertThat(all).filteredOn(i -> i.role() == DutyRole.NEIGHBOUR_VOLUNTEER)
                .extracting(DutyItem::state).containsExactly(DutyState.SUSPENDED, DutyState.SUSPENDED,
                        DutyState.SUSPENDED, DutyState.SUSPENDED, DutyState.OVERDUE, DutyState.OVERDUE,
                        DutyState.OVERDUE);
        assertThat(all).filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER).singleElement()
                .extracting(DutyItem::required).as("ceil(2 × 3 / 7)").isEqualTo(1);

        absences.add(new Absence(2, 7, at(MONDAY.minusDays(1), 8), at(MONDAY.plusDays(8), 8), "探亲", at(MONDAY, 9),
                "社工"));
        assertThat(items(keyElder(), null, MONDAY, MONDAY.plusDays(6), MONDAY.plusDays(7)))
                .allMatch(i -> i.state() == DutyState.SUSPENDED);
    }

    @Test
    void nothingIsDueBeforeTheElderWasRegisteredAndTheFirstWeekAsksProRataOfTheDaysSince() {
        registered = MONDAY.plusDays(5);
        List<DutyItem> all = items(keyElder(), null, MONDAY, MONDAY.plusDays(6), MONDAY.plusDays(7));
        assertThat(all).filteredOn(i -> i.role() == DutyRole.NEIGHBOUR_VOLUNTEER).extracting(DutyItem::start)
                .containsExactly(MONDAY.plusDays(5), MONDAY.plusDays(6));
        assertThat(all).filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER).singleElement()
                .extracting(DutyItem::required).as("ceil(2 × 2 / 7)").isEqualTo(1);
        registered = MONDAY.plusDays(7);
        assertThat(items(keyElder(), null, MONDAY, MONDAY.plusDays(6), MONDAY.plusDays(7))).isEmpty();
    }

    @Test
    void onlyKeyEldersOrEldersWithAnAgreementHaveDutiesAndTheAgreementsPartiesCarryThem() {
        ElderProfile key = keyElder();
        ElderProfile notKey = ElderProfile.of(key.elder(), new ElderFacts(ElderCategory.EMPTY_NEST,
                ChildrenLocation.OUTSIDE_STREET, false, LocalDate.of(1950, 1, 1), Sex.FEMALE, null), key.careTeam(),
                List.of(), MONDAY);
        assertThat(DutyCalendar.roles(notKey, null)).isEmpty();
        Agreement draft = new Agreement(7, AgreementStatus.DRAFT, STREET, null, 11L, 13L, null, null, null, false,
                at(MONDAY, 9), "社工");
        assertThat(DutyCalendar.roles(notKey, draft)).containsExactly(DutyRole.COMMUNITY_WORKER,
                DutyRole.NEIGHBOUR_VOLUNTEER);
        assertThat(DutyCalendar.assignee(key, draft, DutyRole.NEIGHBOUR_VOLUNTEER).name())
                .as("the agreement's 丙方, not the first neighbour").isEqualTo("赵志愿");
        assertThat(DutyCalendar.assignee(key, null, DutyRole.NEIGHBOUR_VOLUNTEER).name()).isEqualTo("李邻居");
        Agreement ended = new Agreement(7, AgreementStatus.ENDED, STREET, null, 11L, 13L, null, MONDAY, MONDAY, false,
                at(MONDAY, 9), "社工");
        assertThat(DutyCalendar.roles(notKey, ended)).isEmpty();
    }

    @Test
    void aStreetsOwnFrequencyReplacesThePolicysForThatStreetOnly() {
        DutyPolicy policy = new DutyPolicy(DutyPolicy.policy().defaults(),
                Map.of(STREET, Map.of(DutyRole.COMMUNITY_WORKER, Frequency.weekly(3))));
        assertThat(policy.normal(STREET, DutyRole.COMMUNITY_WORKER)).isEqualTo(Frequency.weekly(3));
        assertThat(policy.normal("沧浪街道", DutyRole.COMMUNITY_WORKER)).isEqualTo(Frequency.weekly(2));
        List<DutyItem> all = new DutyCalendar(policy).items(new DutyCalendar.Elder(keyElder(), null, records, absences,
                weather, null), MONDAY, MONDAY, MONDAY);
        assertThat(all).filteredOn(i -> i.role() == DutyRole.COMMUNITY_WORKER).singleElement()
                .extracting(DutyItem::required).isEqualTo(3);
    }
}
