package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareScope;
import org.shouwang.care.Compliance;
import org.shouwang.care.DutyItem;
import org.shouwang.care.DutyState;
import org.shouwang.care.Duties;
import org.shouwang.care.Weeks;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.Stores;
import org.shouwang.model.ResidentId;
import org.shouwang.testkit.TestServices;

/**
 * The demo opens with routine care to look at: the demo community worker has duties due today and overdue
 * ones, the street's supervision page has four weeks of figures and a key elder without an agreement, and a
 * second start on a kept database writes no second history.
 */
class DemoCareIT {

    @Test
    void theDemoCommunityWorkerSeesDueAndOverdueDutiesAndTheStreetHasFigures() {
        try (Database db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()))) {
            Stores stores = Stores.of(db.dataSource());
            List<DemoData.Home> homes = DemoData.seed(stores.registry(), 24, 2026L);
            int written = DemoCare.seed(stores, homes, Clock.systemUTC(), 2026L);
            assertThat(written).isGreaterThan(24 * 4 * 7 / 2);
            assertThat(DemoCare.seed(stores, homes, Clock.systemUTC(), 2026L)).as("kept database").isZero();

            LocalDate today = LocalDate.now(ResidentId.ZONE);
            Duties duties = new Duties(stores.registry(), stores.care(), stores.absences(), stores.weather());
            CareScope worker = new CareScope("平江街道", List.of(DemoAccounts.WORKER_COMMUNITY));
            List<DutyItem> running = duties.on(worker, today);
            assertThat(running).as("the demo worker's community has elders with duties").isNotEmpty();
            assertThat(duties.overdue(worker, today)).as("the silent neighbour")
                    .anyMatch(i -> i.state() == DutyState.OVERDUE);

            Compliance.Week week = new Compliance(duties).week(new CareScope("平江街道", null),
                    Weeks.parse(Weeks.of(today.minusWeeks(1))), today);
            assertThat(week.due()).isPositive();
            assertThat(week.met()).isPositive().isLessThan(week.due());
            assertThat(week.trend()).hasSize(Compliance.TREND_WEEKS);
            assertThat(new Compliance(duties).withoutAgreement(new CareScope("平江街道", null), today)).isNotEmpty();
        }
    }
}
