package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.Elder;
import org.shouwang.model.RuleThresholdOverride;
import org.shouwang.model.RuleThresholdOverride.Scope;
import org.shouwang.model.RuleThresholds;

/** Thresholds per district, street and elder on a real PostgreSQL: one row per level, every change kept. */
class RuleThresholdStoreIT {

    private static final Instant T0 = Instant.parse("2025-07-20T02:00:00Z");
    private static Database db;
    private static RuleThresholdStore store;
    private static long elderId;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        store = new RuleThresholdStore(db.dataSource());
        elderId = new RegistryStore(db.dataSource()).createElder(
                new Elder(0, "顾阿婆", null, "平江街道", "大儒巷社区", "大儒巷5号", null, true)).id();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void eachLevelKeepsOnlyWhatItSetsAndASecondPutReplacesTheFirst() {
        RuleThresholds street = RuleThresholds.NONE.withNoWaterWindow(Duration.ofHours(20));
        store.put(Scope.STREET, "沧浪街道", null, street, "街道管理员", T0);
        store.put(Scope.STREET, "沧浪街道", null, RuleThresholds.NONE.withNoWaterMinLiters(15), "街道管理员", T0.plusSeconds(60));
        store.put(Scope.ELDER, null, elderId, RuleThresholds.NONE.withNoWaterWindowExtreme(Duration.ofHours(6)), "社区工作者", T0);

        RuleThresholdOverride canglang = store.find(Scope.STREET, "沧浪街道", null).orElseThrow();
        assertThat(canglang.thresholds()).isEqualTo(RuleThresholds.NONE.withNoWaterMinLiters(15));
        assertThat(canglang.updatedBy()).isEqualTo("街道管理员");
        assertThat(canglang.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.find(Scope.ELDER, null, elderId).orElseThrow().thresholds().noWaterWindowExtreme())
                .isEqualTo(Duration.ofHours(6));
        assertThat(store.all()).extracting(RuleThresholdOverride::scope).contains(Scope.STREET, Scope.ELDER);
    }

    @Test
    void anEmptySetRemovesTheLevelAndTheChangeIsKept() {
        store.put(Scope.DISTRICT, null, null, RuleThresholds.NONE.withNoWaterWindow(Duration.ofHours(30)), "区管理员", T0);
        assertThat(store.find(Scope.DISTRICT, null, null)).isPresent();

        store.put(Scope.DISTRICT, null, null, RuleThresholds.NONE, "区管理员", T0.plusSeconds(5));

        assertThat(store.find(Scope.DISTRICT, null, null)).isEmpty();
        assertThat(store.changes(2)).extracting(c -> c.thresholds().isEmpty(), RuleThresholdOverride::scope)
                .first().isEqualTo(org.assertj.core.groups.Tuple.tuple(true, Scope.DISTRICT));
    }

    @Test
    void durationsAreStoredAsIsoTextSoMinutesSurvive() {
        store.put(Scope.STREET, "双塔街道", null, RuleThresholds.NONE.withNoWaterWindow(Duration.ofMinutes(90)), "测试", T0);

        assertThat(store.find(Scope.STREET, "双塔街道", null).orElseThrow().thresholds().noWaterWindow())
                .isEqualTo(Duration.ofMinutes(90));
        String json = new Jdbc(db.dataSource()).one("SELECT settings::text FROM rule_threshold WHERE street = '双塔街道'",
                rs -> rs.getString(1)).orElseThrow();
        assertThat(json).contains("\"PT1H30M\"").doesNotContain("null");
    }

    @Test
    void aStreetOutsideTheDistrictIsRefusedByTheDatabase() {
        assertThatThrownBy(() -> store.put(Scope.STREET, "不存在街道", null, RuleThresholds.NONE.withNoWaterMinLiters(5),
                "测试", T0)).isInstanceOf(DataAccessException.class);
    }
}
