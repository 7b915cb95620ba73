package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.ResidentId;
import org.shouwang.model.Sex;

/** Schema migration and the registry on a real PostgreSQL. */
class DatabaseIT {

    @Test
    void migratesAnEmptyDatabaseAndReopensWithoutChanges() throws Exception {
        String url = TestServices.freshDatabase();
        int applied;
        try (Database first = Database.open(DatabaseConfig.of(url))) {
            assertThat(first.ping(2)).isTrue();
            applied = migrationsApplied(first);
        }
        // Every migration ran (V1 registry … V4 roster at least), and reopening ran none again.
        assertThat(applied).isGreaterThanOrEqualTo(4);
        try (Database again = Database.open(DatabaseConfig.of(url));
             Connection c = again.dataSource().getConnection()) {
            assertThat(migrationsApplied(again)).isEqualTo(applied);
            // Without the extension the plain-table path is taken; with it, the hypertable path.
            assertThat(again.timescale()).isEqualTo(extensionAvailable(c));
        }
    }

    @Test
    void registryJoinsDevicesToTheirElderAndContactsInPagingOrder() {
        try (Database db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            Elder elder = registry.createElder(new Elder(0, "王阿婆", "32050219400101123X", "平江街道", "大儒巷社区",
                    "大儒巷12号", "13800000000", true));
            registry.addContact(elder.id(), ContactRole.COMMUNITY_WORKER, "社工二", "13900000002", 2);
            registry.addContact(elder.id(), ContactRole.COMMUNITY_WORKER, "社工一", "13900000001", 1);
            registry.addDevice("btn-w1", DeviceKind.CALL_BUTTON, elder.id());

            assertThat(registry.elderOfDevice("btn-w1")).contains(elder);
            assertThat(registry.elderOfDevice("nope")).isEmpty();
            assertThat(registry.contacts(elder.id())).extracting("name").containsExactly("社工一", "社工二");
            assertThat(registry.activeDeviceIds()).containsExactly("btn-w1");
        }
    }

    private static int migrationsApplied(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aNewElderWithAValidIdNumberHasAgeAndSexFromItInTheProfile() {
        try (Database db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()))) {
            RegistryStore registry = new RegistryStore(db.dataSource());
            String first17 = "32050819400301002";
            Elder elder = registry.createElder(new Elder(0, "李阿公", first17 + ResidentId.checkCharacter(first17),
                    "平江街道", "大儒巷社区", "大儒巷12号", null, true));
            Elder unknown = registry.createElder(new Elder(0, "无证老人", null, "平江街道", "大儒巷社区", "大儒巷13号",
                    null, true));

            ElderProfile profile = registry.profile(elder.id(), LocalDate.of(2026, 3, 1)).orElseThrow();
            assertThat(profile.age()).isEqualTo(86);
            assertThat(profile.facts().sex()).isEqualTo(Sex.FEMALE);
            assertThat(registry.profile(unknown.id(), LocalDate.of(2026, 3, 1)).orElseThrow().age()).isNull();
        }
    }

    private static boolean extensionAvailable(Connection c) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            return rs.next();
        }
    }
}
