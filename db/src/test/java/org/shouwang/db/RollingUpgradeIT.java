package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/**
 * A node-by-node upgrade (docs/operations.md) has the new release migrate the schema while a node of the previous
 * release still runs and may restart: the previous release, with one migration fewer, must start on the newer
 * schema and apply nothing.
 */
class RollingUpgradeIT {

    @Test
    void thePreviousReleaseStartsOnTheSchemaTheNewOneMigrated() throws Exception {
        List<Path> all = MigrationsAreAdditiveTest.migrations();
        Path previous = Files.createTempDirectory("shouwang-previous-release-");
        for (Path m : all.subList(0, all.size() - 1)) {
            Files.copy(m, previous.resolve(m.getFileName()));
        }
        String url = TestServices.freshDatabase();
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            ds.setMaximumPoolSize(2);
            int applied = Database.migrate(ds, Database.MIGRATIONS);
            assertThat(applied).as("the new release migrates an empty database fully").isEqualTo(all.size());

            int byPrevious = Database.migrate(ds, "filesystem:" + previous);

            assertThat(byPrevious).as("the previous release applies nothing and does not refuse the newer schema")
                    .isZero();
        }
    }
}
