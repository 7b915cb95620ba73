package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.care.CareHarness.MONDAY;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareHarness.Home;
import org.shouwang.db.Jdbc;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;
import org.shouwang.standin.TwilioStubRequest;

/**
 * The two-days-overdue case: a key elder whose daily contact was missed on both of the last two days becomes one
 * CONTACT_OVERDUE incident that texts the community worker alone (no call, no emergency team); a suspended day, a
 * met day or an elder who is no key elder makes no case. Real PostgreSQL, the notifier, the Twilio stand-in.
 */
class OverdueCasesIT {

    /** Reminders late in the day, so the morning's texts are the case's page and the digest. */
    private static final CareConfig CONFIG = CareConfig.defaults().withReminderAt(LocalTime.of(21, 50));

    private CareHarness h;
    private Care care;

    @BeforeEach
    void start() {
        h = new CareHarness(CareHarness.at(MONDAY, "06:00"));
        care = h.care(CONFIG);
    }

    @AfterEach
    void stop() {
        assertThat(h.logLines()).noneMatch(line -> h.phones().stream().anyMatch(line::contains));
        h.close();
    }

    private List<Incident> cases(Home home) {
        return new Jdbc(h.db.dataSource()).list("SELECT id FROM incident WHERE elder_id = ? AND rule = ?",
                rs -> h.stores.incidents().find(rs.getLong(1)).orElseThrow(), home.elder().id(), Rule.CONTACT_OVERDUE);
    }

    private List<TwilioStubRequest> casePages() {
        return h.stub.messages().stream().filter(m -> m.body().startsWith("【守望】关爱提醒")).toList();
    }

    @Test
    void twoMissedDaysOpenOneCaseThatTextsOnlyTheCommunityWorker() {
        Home home = h.keyElder("王秀英");
        h.set(MONDAY, "07:59");
        care.rounds().tick();
        assertThat(cases(home)).isEmpty();

        h.set(MONDAY, "08:00");
        CareRounds.Tick morning = care.rounds().tick();
        h.set(MONDAY, "08:30");
        care.rounds().tick();

        assertThat(morning.cases()).isEqualTo(1);
        assertThat(cases(home)).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(i.state()).isEqualTo(IncidentState.OPEN);
        });
        assertThat(h.stub.calls()).isEmpty();
        assertThat(casePages()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(home.worker().phone());
            assertThat(m.body()).contains("王秀英").contains(cases(home).get(0).code());
        });
        assertThat(h.textsTo(home.team())).isEmpty();
        assertThat(h.textsTo(home.neighbour())).isEmpty();
    }

    @Test
    void aThirdMissedDayAttachesToTheOpenCaseAndPagesNobodyAgain() {
        Home home = h.keyElder("王秀英");
        h.set(MONDAY, "08:00");
        care.rounds().tick();

        h.set(MONDAY.plusDays(1), "08:00");
        CareRounds.Tick tuesday = care.rounds().tick();
        Care restarted = h.care(CONFIG);
        h.set(MONDAY.plusDays(1), "10:00");
        restarted.rounds().tick();

        assertThat(tuesday.cases()).isZero();
        assertThat(cases(home)).hasSize(1);
        assertThat(h.stores.incidents().alertIds(cases(home).get(0).id())).containsExactly(
                OverdueCases.alertId(home.elder().id(), org.shouwang.model.care.DutyRole.NEIGHBOUR_VOLUNTEER,
                        MONDAY.minusDays(1)),
                OverdueCases.alertId(home.elder().id(), org.shouwang.model.care.DutyRole.NEIGHBOUR_VOLUNTEER,
                        MONDAY));
        assertThat(casePages()).hasSize(1);
    }

    @Test
    void aDayWithAContactMakesNoCase() {
        Home home = h.keyElder("王秀英");
        h.contacted(home.neighbour(), CareHarness.at(MONDAY.minusDays(1), "17:00"));
        h.set(MONDAY, "08:00");

        CareRounds.Tick t = care.rounds().tick();

        assertThat(t.cases()).isZero();
        assertThat(cases(home)).isEmpty();
    }

    @Test
    void aSuspendedDayIsNotAMissedDay() {
        Home home = h.keyElder("王秀英");
        h.stores.absences().add(home.elder().id(), CareHarness.at(MONDAY.minusDays(2), "09:00"),
                CareHarness.at(MONDAY.minusDays(2), "18:00"), "探亲", "test", h.clock.instant());
        h.set(MONDAY, "08:00");

        care.rounds().tick();

        assertThat(cases(home)).isEmpty();
    }

    @Test
    void anElderWhoIsNoKeyElderIsNoCase() {
        h.ordinaryElder("周阿婆");
        h.set(MONDAY, "08:00");

        CareRounds.Tick t = care.rounds().tick();

        assertThat(t.cases()).isZero();
        assertThat(casePages()).isEmpty();
    }

    @Test
    void caseFoundAtNightIsOpenedOnlyInTheMorning() {
        Home home = h.keyElder("王秀英");
        h.set(MONDAY, "23:00");
        Care late = h.care(CONFIG);

        late.rounds().tick();
        assertThat(cases(home)).isEmpty();
        assertThat(h.stub.requests()).isEmpty();
        h.set(MONDAY.plusDays(1), "08:00");
        late.rounds().tick();

        assertThat(cases(home)).hasSize(1);
        assertThat(casePages()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo(home.worker().phone()));
    }
}
