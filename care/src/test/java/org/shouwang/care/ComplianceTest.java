package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.care.DutyRole;

/** Met / due per community and person, counted by hand. */
class ComplianceTest {

    private static final LocalDate MON = DutyCalendarTest.MONDAY;

    private static DutyItem item(String community, DutyRole role, String person, Frequency.Period period,
                                 LocalDate start, DutyState state) {
        LocalDate end = period == Frequency.Period.DAY ? start : start.plusDays(6);
        return new DutyItem(1, "某老人", "平江街道", community, role, (long) person.hashCode(), person, period, start, end,
                1, state == DutyState.MET ? 1 : 0, state, false, true);
    }

    @Test
    void onlyPeriodsThatCameDueCountAndTheRatesMatchAHandCount() {
        List<DutyItem> items = new ArrayList<>();
        // 大儒巷: neighbour 李 met Mon, Tue, missed Wed, Thursday still running; worker 张 met the week.
        items.add(item("大儒巷社区", DutyRole.NEIGHBOUR_VOLUNTEER, "李", Frequency.Period.DAY, MON, DutyState.MET));
        items.add(item("大儒巷社区", DutyRole.NEIGHBOUR_VOLUNTEER, "李", Frequency.Period.DAY, MON.plusDays(1),
                DutyState.MET));
        items.add(item("大儒巷社区", DutyRole.NEIGHBOUR_VOLUNTEER, "李", Frequency.Period.DAY, MON.plusDays(2),
                DutyState.OVERDUE));
        items.add(item("大儒巷社区", DutyRole.NEIGHBOUR_VOLUNTEER, "李", Frequency.Period.DAY, MON.plusDays(3),
                DutyState.DUE));
        items.add(item("大儒巷社区", DutyRole.COMMUNITY_WORKER, "张", Frequency.Period.WEEK, MON, DutyState.MET));
        // 南石子街: one overdue day, one suspended day, one in the next week.
        items.add(item("南石子街社区", DutyRole.NEIGHBOUR_VOLUNTEER, "钱", Frequency.Period.DAY, MON, DutyState.OVERDUE));
        items.add(item("南石子街社区", DutyRole.NEIGHBOUR_VOLUNTEER, "钱", Frequency.Period.DAY, MON.plusDays(1),
                DutyState.SUSPENDED));
        items.add(item("南石子街社区", DutyRole.NEIGHBOUR_VOLUNTEER, "钱", Frequency.Period.DAY, MON.plusDays(7),
                DutyState.MET));

        List<DutyItem> week = Compliance.inWeek(items, MON);
        assertThat(week).hasSize(7);
        assertThat(Compliance.byCommunity(week)).extracting(Compliance.Row::community, Compliance.Row::due,
                Compliance.Row::met).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("南石子街社区", 1, 0),
                        org.assertj.core.groups.Tuple.tuple("大儒巷社区", 4, 3));
        assertThat(Compliance.byPerson(week)).extracting(Compliance.Row::person, Compliance.Row::due,
                Compliance.Row::met).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("张", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("李", 3, 2),
                        org.assertj.core.groups.Tuple.tuple("钱", 1, 0));
        assertThat(Compliance.byCommunity(week).get(1).rate()).isEqualTo(0.75);
    }

    @Test
    void isoWeeksParseToTheirMondayAndBack() {
        assertThat(Weeks.parse("2026-W49")).isEqualTo(MON);
        assertThat(Weeks.of(MON.plusDays(6))).isEqualTo("2026-W49");
        assertThat(Weeks.parse("2021-W01")).isEqualTo(LocalDate.of(2021, 1, 4));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Weeks.parse("2026-W54"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Weeks.parse("2026-49"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
