package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/** Gusu's streets as seed data, and communities registered under them. */
class StreetStoreIT {

    private static Database db;
    private static StreetStore streets;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        streets = new StreetStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theEightStreetsOfGusuAreSeededInTheDistrictsOrder() {
        assertThat(streets.streets()).containsExactly("平江街道", "沧浪街道", "双塔街道", "虎丘街道", "吴门桥街道",
                "金阊街道", "白洋湾街道", "苏锦街道");
    }

    @Test
    void aCommunityIsRegisteredOnceUnderItsStreet() {
        Community first = streets.ensureCommunity("虎丘街道", "留园社区", "test");
        Community again = streets.ensureCommunity("虎丘街道", "留园社区", "test");

        assertThat(again).isEqualTo(first);
        assertThat(streets.communities("虎丘街道")).containsExactly(first);
        assertThat(streets.communities("沧浪街道")).isEmpty();
    }

    @Test
    void aCommunityOfAnUnknownStreetIsRefused() {
        assertThatThrownBy(() -> streets.ensureCommunity("观前街道", "某社区", "test"))
                .isInstanceOf(DataAccessException.class);
    }
}
