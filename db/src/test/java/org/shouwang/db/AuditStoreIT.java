package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/** The audit log keeps who did what to which elder, newest first. */
class AuditStoreIT {

    private static Database db;
    private static AuditStore audit;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        audit = new AuditStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void entriesAreReadBackPerElderNewestFirstWithTheirTime() {
        Account a = new AccountStore(db.dataSource()).create(new NewAccount("qian", "钱社工",
                AccountRole.COMMUNITY_WORKER, "虎丘街道", List.of("虎丘社区"), "$argon2id$x", "test"));
        AuditEntry viewed = audit.record(AuditEntry.of(a.id(), "钱社工", "VIEW_ELDER", "elder", "7", 7L, null));
        AuditEntry acked = audit.record(AuditEntry.of(a.id(), "钱社工", "ACKNOWLEDGE", "incident", "3", 7L, "SW00003"));
        audit.record(AuditEntry.of(null, "system", "LOGIN_FAILED", "account", "nobody", null, null));

        List<AuditEntry> forElder = audit.forElder(7, 10);

        assertThat(forElder).extracting(AuditEntry::id).containsExactly(acked.id(), viewed.id());
        assertThat(forElder.get(0).at()).isNotNull();
        assertThat(forElder.get(0).accountId()).isEqualTo(a.id());
        assertThat(forElder.get(0).detail()).isEqualTo("SW00003");
        assertThat(audit.recent(1).get(0).action()).isEqualTo("LOGIN_FAILED");
        assertThat(audit.recent(1).get(0).accountId()).isNull();
    }
}
