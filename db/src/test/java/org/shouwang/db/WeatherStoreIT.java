package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.WeatherModeChange;

/** Extreme-weather switches on a real PostgreSQL: the latest per scope is in force, all are kept with who and when. */
class WeatherStoreIT {

    private static final Instant T0 = Instant.parse("2025-07-20T02:00:00Z");
    private static Database db;
    private static WeatherStore store;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        store = new WeatherStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theLatestSwitchOfEachScopeIsInForceAndEverySwitchIsKept() {
        store.switchMode("平江街道", true, "平江街道值班员", T0);
        store.switchMode(null, true, "区应急办", T0.plusSeconds(60));
        store.switchMode("平江街道", false, "平江街道值班员", T0.plusSeconds(120));
        store.switchMode("虎丘街道", true, "虎丘街道值班员", T0.plusSeconds(180));

        assertThat(store.current()).extracting(WeatherModeChange::street, WeatherModeChange::on).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, true),
                org.assertj.core.groups.Tuple.tuple("平江街道", false),
                org.assertj.core.groups.Tuple.tuple("虎丘街道", true));
        assertThat(store.history(10)).extracting(WeatherModeChange::actor, WeatherModeChange::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("虎丘街道值班员", T0.plusSeconds(180)),
                org.assertj.core.groups.Tuple.tuple("平江街道值班员", T0.plusSeconds(120)),
                org.assertj.core.groups.Tuple.tuple("区应急办", T0.plusSeconds(60)),
                org.assertj.core.groups.Tuple.tuple("平江街道值班员", T0));
        assertThat(store.history(1)).hasSize(1);
    }
}
