package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.db.RegistryStore;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.sim.Home;
import picocli.CommandLine;

/**
 * {@code shouwang sim --db-url} plays the homes a site's registry has: active elders with an active meter and an
 * active button, in registry order; homes lacking either are passed over, and too few homes is said before
 * anything connects. The demo's seeded homes carry the ids the simulator uses by default.
 */
class SimRegistryHomesIT {

    @Test
    void theHomesComeFromTheRegistryAndMatchTheDemosDefaultIds() throws Exception {
        String dbUrl = TestServices.freshDatabase();
        try (Database db = Database.open(DatabaseConfig.of(dbUrl))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            long noButton = registry.createElder(new Elder(0, "赵建国", null, "虎丘街道", "虎丘第一社区", "虎丘街道测试弄2号",
                    null, true)).id();
            registry.addDevice("lonely-meter", DeviceKind.WATER_METER, noButton);
            DemoData.seed(registry, 2, 2026L);
        }

        assertThat(homes("--db-url", dbUrl, "--homes", "2")).as("the same ids as the defaults")
                .isEqualTo(homes("--homes", "2"))
                .containsExactly(new Home("meter-0001", "btn-0001"), new Home("meter-0002", "btn-0002"));
        assertThatThrownBy(() -> homes("--db-url", dbUrl, "--homes", "3"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("the registry has 2 homes with an active meter and button, not 3");
    }

    private static List<Home> homes(String... args) {
        SimCommand sim = new SimCommand();
        new CommandLine(sim).parseArgs(args);
        return sim.homes();
    }
}
