package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Account;
import org.shouwang.db.AccountRole;
import org.shouwang.db.CareStore;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.Jdbc;
import org.shouwang.db.NewAccount;
import org.shouwang.db.Stores;
import org.shouwang.model.CareContact;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.Sex;
import org.shouwang.model.care.Agreement;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.DutyRole;
import org.shouwang.model.care.NeedCategory;
import org.shouwang.testkit.TestClock;
import org.shouwang.testkit.TestServices;

/** Care records and duties on a real PostgreSQL: written once, audited, counted, scoped. */
class CareRecordsIT {

    private static final LocalDate MONDAY = DutyCalendarTest.MONDAY;
    private static Database db;
    private static Stores stores;
    private static TestClock clock;
    private static CareRecords records;
    private static Duties duties;
    private static Elder wang;
    private static Elder li;
    private static Account worker;
    private static CareContact neighbour;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        stores = Stores.of(db.dataSource());
        clock = new TestClock(DutyCalendarTest.at(MONDAY.plusDays(1), 10));
        records = new CareRecords(stores.care(), stores.registry(), stores.audit(), clock);
        duties = new Duties(stores.registry(), stores.care(), stores.absences(), stores.weather());
        ElderFacts key = new ElderFacts(ElderCategory.LIVING_ALONE, ChildrenLocation.OUTSIDE_DISTRICT, false,
                LocalDate.of(1940, 3, 15), Sex.FEMALE, null);
        wang = stores.registry().createElder(new Elder(0, "王秀英", "320508194003150049", "平江街道", "大儒巷社区",
                "大儒巷12号", "13800000001", true), key);
        li = stores.registry().createElder(new Elder(0, "李建国", "320508194107200039", "平江街道", "南石子街社区",
                "南石子街3号", "13800000002", true), key);
        // Registered before the week the tests look at: no duty is due before registration.
        new Jdbc(db.dataSource()).update("UPDATE elder SET created_at = '2026-01-01T00:00:00Z'");
        stores.registry().addContact(wang.id(), ContactRole.COMMUNITY_WORKER, "张社工", "13900000002", 0);
        neighbour = stores.registry().addContact(wang.id(), ContactRole.NEIGHBOUR_VOLUNTEER, "李邻居", "13900000003", 0);
        worker = stores.accounts().create(new NewAccount("zhang", "张社工", AccountRole.COMMUNITY_WORKER, "平江街道",
                List.of("大儒巷社区"), "$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", "test"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aDoubleTapWithTheSameKeyOrTheSameMinuteWritesOneRecordAndOneAuditLine() {
        long audited = count("SELECT count(*) FROM audit_log WHERE action = 'CARE_RECORD'");
        CareRecords.Entry visit = new CareRecords.Entry("form-1", CareKind.VISIT, null, "送药，血压正常",
                List.of(NeedCategory.HEALTH), null, true, null);
        CareStore.Written first = records.byStaff(worker, wang, visit);
        CareStore.Written again = records.byStaff(worker, wang, visit);
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.record().id()).isEqualTo(first.record().id());
        assertThat(first.record().role()).isEqualTo(ContactRole.COMMUNITY_WORKER);
        assertThat(first.record().needs()).containsExactly(NeedCategory.HEALTH);

        CareRecords.Entry noKey = new CareRecords.Entry(null, CareKind.PHONE, clock.instant(), null, List.of(), null,
                false, null);
        assertThat(records.byStaff(worker, wang, noKey).created()).isTrue();
        assertThat(records.byStaff(worker, wang, noKey).created()).as("same person, kind and minute").isFalse();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'CARE_RECORD'")).isEqualTo(audited + 2);
    }

    @Test
    void aContactInTheFutureOrLongAgoOrAnSmsKindFromTheConsoleIsRefusedAndNothingIsWritten() {
        long before = count("SELECT count(*) FROM care_record");
        assertThatThrownBy(() -> records.byStaff(worker, wang, new CareRecords.Entry("f", CareKind.VISIT,
                clock.instant().plus(Duration.ofMinutes(30)), null, List.of(), null, false, null)))
                .isInstanceOf(CareRecords.Refused.class).hasMessageContaining("不能晚于现在");
        assertThatThrownBy(() -> records.byStaff(worker, wang, new CareRecords.Entry("g", CareKind.VISIT,
                clock.instant().minus(Duration.ofDays(40)), null, List.of(), null, false, null)))
                .isInstanceOf(CareRecords.Refused.class);
        assertThatThrownBy(() -> records.byStaff(worker, wang, new CareRecords.Entry("h", CareKind.SMS_REPORT, null,
                null, List.of(), null, false, null))).isInstanceOf(CareRecords.Refused.class);
        assertThatThrownBy(() -> records.byStaff(worker, wang, new CareRecords.Entry("i", CareKind.VISIT, null, null,
                List.of(), null, false, 999_999L))).isInstanceOf(CareRecords.Refused.class);
        assertThat(count("SELECT count(*) FROM care_record")).isEqualTo(before);
    }

    @Test
    void aRecordForANamedNeighbourCountsForTheNeighboursDailyDutyOfThatDay() {
        LocalDate tue = MONDAY.plusDays(1);
        records.byStaff(worker, wang, new CareRecords.Entry("for-neighbour", CareKind.PHONE, clock.instant(),
                "邻居电话问候", List.of(), null, false, neighbour.id()));
        List<DutyItem> today = duties.on(new CareScope("平江街道", List.of("大儒巷社区")), tue);
        assertThat(today).filteredOn(i -> i.elderId() == wang.id() && i.role() == DutyRole.NEIGHBOUR_VOLUNTEER)
                .singleElement().satisfies(i -> {
                    assertThat(i.state()).isEqualTo(DutyState.MET);
                    assertThat(i.assigneeName()).isEqualTo("李邻居");
                });
        assertThat(today).as("the community worker's scope leaves out 南石子街").allMatch(i -> i.elderId() == wang.id());
        assertThat(duties.on(new CareScope("平江街道", null), tue)).anyMatch(i -> i.elderId() == li.id()
                && i.role() == DutyRole.NEIGHBOUR_VOLUNTEER && i.assigneeName() == null);
    }

    @Test
    void aSignedAgreementIsKeptWithTheRostersSigningDateAndAKeyElderWithoutOneIsListed() {
        Compliance compliance = new Compliance(duties);
        CareScope street = new CareScope("平江街道", null);
        assertThat(compliance.withoutAgreement(street, MONDAY)).extracting(Compliance.Unsigned::name)
                .contains("王秀英", "李建国");
        stores.care().putAgreement(new Agreement(wang.id(), AgreementStatus.SIGNED, "平江街道", "陈主任", null,
                neighbour.id(), "良好", MONDAY, null, false, Instant.now(), "张社工"));
        assertThat(stores.registry().profile(wang.id(), MONDAY).orElseThrow().facts().agreementSignedOn())
                .isEqualTo(MONDAY);
        assertThat(compliance.withoutAgreement(street, MONDAY)).extracting(Compliance.Unsigned::name)
                .containsExactly("李建国");
        stores.care().putAgreement(new Agreement(wang.id(), AgreementStatus.ENDED, "平江街道", "陈主任", null,
                neighbour.id(), "良好", MONDAY, MONDAY.plusDays(1), false, Instant.now(), "张社工"));
        assertThat(stores.registry().profile(wang.id(), MONDAY).orElseThrow().facts().agreementSignedOn()).isNull();
    }

    private static long count(String sql) {
        return new Jdbc(db.dataSource()).one(sql, rs -> rs.getLong(1)).orElseThrow();
    }
}
