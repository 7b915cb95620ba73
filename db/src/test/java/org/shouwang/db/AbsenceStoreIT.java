package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Absence;
import org.shouwang.model.Elder;

/** Absences on a real PostgreSQL: recorded, listed, deleted with who and when but never forgotten. */
class AbsenceStoreIT {

    private static final Instant T0 = Instant.parse("2025-07-20T02:00:00Z");
    private static Database db;
    private static AbsenceStore store;
    private static RegistryStore registry;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        store = new AbsenceStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void anAbsenceIsListedUntilDeletedAndTheDeletionIsKept() {
        long elder = elder();
        Absence hospital = store.add(elder, T0, T0.plus(Duration.ofDays(5)), "住院", "社区工作者", T0.minusSeconds(60));
        Absence visit = store.add(elder, T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(12)), "探亲", "家属（经社区）", T0);

        assertThat(store.ofElder(elder)).extracting(Absence::reason).containsExactly("探亲", "住院");
        assertThat(hospital.createdBy()).isEqualTo("社区工作者");

        assertThat(store.delete(visit.id(), "社区工作者", T0.plusSeconds(30))).isPresent();
        assertThat(store.delete(visit.id(), "社区工作者", T0.plusSeconds(40))).isEmpty();
        assertThat(store.ofElder(elder)).extracting(Absence::id).containsExactly(hospital.id());
        assertThat(new Jdbc(db.dataSource()).one("SELECT deleted_by FROM absence WHERE id = ?", rs -> rs.getString(1),
                visit.id())).contains("社区工作者");
    }

    @Test
    void theRulesGetAbsencesInForceOrEndedRecently() {
        long elder = elder();
        store.add(elder, T0.minus(Duration.ofDays(40)), T0.minus(Duration.ofDays(35)), "旧的", "测试", T0);
        Absence recent = store.add(elder, T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofDays(1)), "近的", "测试", T0);

        assertThat(store.inForceSince(T0.minus(Duration.ofDays(31)))).extracting(Absence::id).contains(recent.id())
                .allSatisfy(id -> assertThat(id).isNotEqualTo(-1L));
        assertThat(store.inForceSince(T0.minus(Duration.ofDays(31)))).extracting(Absence::reason).doesNotContain("旧的");
    }

    @Test
    void anAbsenceMustEndAfterItStarts() {
        long elder = elder();
        assertThatThrownBy(() -> store.add(elder, T0, T0, "零长", "测试", T0)).isInstanceOf(DataAccessException.class);
    }

    private static long elder() {
        return registry.createElder(new Elder(0, "陈阿公", null, "沧浪街道", "南门社区", "南门路1号", null, true)).id();
    }
}
