package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/** Accounts with their scope, and the login attempts the lock-out counts, on a real PostgreSQL. */
class AccountStoreIT {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

    private static Database db;
    private static AccountStore accounts;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        accounts = new AccountStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void communityWorkerKeepsStreetAndCommunitiesAndIsFoundWhateverTheCaseOfTheName() {
        Account created = accounts.create(new NewAccount("Li.SheGong", "李社工", AccountRole.COMMUNITY_WORKER, "平江街道",
                List.of("大儒巷社区", "平江路社区"), HASH, "test"));

        assertThat(created.username()).isEqualTo("li.shegong");
        assertThat(created.communities()).containsExactly("大儒巷社区", "平江路社区");
        AccountCredentials read = accounts.credentials(" LI.SHEGONG ").orElseThrow();
        assertThat(read.account()).isEqualTo(created);
        assertThat(read.passwordHash()).isEqualTo(HASH);
        assertThat(created.covers("平江街道", "大儒巷社区")).isTrue();
        assertThat(created.covers("平江街道", "桃花坞社区")).isFalse();
        assertThat(created.covers("沧浪街道", "大儒巷社区")).isFalse();
        assertThat(accounts.list()).extracting(Account::username).contains("li.shegong");
    }

    @Test
    void takenUsernameUnknownStreetAndDistrictWithAStreetAreRefused() {
        accounts.create(new NewAccount("chen", "陈值班", AccountRole.STREET, "沧浪街道", List.of(), HASH, "test"));

        assertThatThrownBy(() -> accounts.create(new NewAccount("CHEN", "另一个陈", AccountRole.STREET, "沧浪街道",
                List.of(), HASH, "test"))).isInstanceOfSatisfying(DataAccessException.class,
                        e -> assertThat(e.isUniqueViolation()).isTrue());
        assertThatThrownBy(() -> accounts.create(new NewAccount("nowhere", "某人", AccountRole.STREET, "火星街道",
                List.of(), HASH, "test"))).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> new NewAccount("boss", "区长", AccountRole.DISTRICT, "沧浪街道", List.of(), HASH, "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failuresAreCountedPerUsernameAndAddressInsideTheWindowAndOnlySinceTheLastSuccessThere() {
        Instant t0 = Instant.parse("2026-01-20T02:00:00Z");
        accounts.recordAttempt("wang", "192.0.2.1", t0, false);
        accounts.recordAttempt("wang", "192.0.2.1", t0.plusSeconds(60), true);
        accounts.recordAttempt("Wang", "192.0.2.1", t0.plusSeconds(120), false);
        accounts.recordAttempt("wang", "192.0.2.1", t0.plusSeconds(180), false);
        accounts.recordAttempt("other", "192.0.2.1", t0.plusSeconds(180), false);
        accounts.recordAttempt("wang", "192.0.2.2", t0.plusSeconds(200), false);
        accounts.recordAttempt("wang", "192.0.2.3", t0.plusSeconds(240), true);

        assertThat(accounts.failuresSince("WANG", "192.0.2.1", t0.minus(Duration.ofMinutes(15))))
                .as("a success elsewhere does not clear this address").containsExactly(t0.plusSeconds(180), t0.plusSeconds(120));
        assertThat(accounts.failuresSince("wang", "192.0.2.1", t0.plusSeconds(150))).containsExactly(t0.plusSeconds(180));
        assertThat(accounts.failuresSince("wang", "192.0.2.2", t0)).containsExactly(t0.plusSeconds(200));
    }

    @Test
    void addressFailuresCountEveryUsernameEvenAfterASuccessAndOldAttemptsAreSwept() {
        Instant t0 = Instant.parse("2025-01-01T02:00:00Z");
        accounts.recordAttempt("a", "198.51.100.7", t0, false);
        accounts.recordAttempt("b", "198.51.100.7", t0.plusSeconds(1), true);
        accounts.recordAttempt("c", "198.51.100.7", t0.plusSeconds(2), false);
        accounts.recordAttempt("d", "198.51.100.7", t0.plusSeconds(3), false);
        accounts.recordAttempt("a", "198.51.100.8", t0.plusSeconds(4), false);

        assertThat(accounts.addressFailuresSince("198.51.100.7", t0.minusSeconds(1), 10))
                .containsExactly(t0.plusSeconds(3), t0.plusSeconds(2), t0);
        assertThat(accounts.addressFailuresSince("198.51.100.7", t0.minusSeconds(1), 2))
                .containsExactly(t0.plusSeconds(3), t0.plusSeconds(2));

        // Older than any other test's attempts, so the sweep here deletes exactly these two.
        assertThat(accounts.deleteAttemptsBefore(t0.plusSeconds(2))).isEqualTo(2);
        assertThat(accounts.addressFailuresSince("198.51.100.7", t0.minusSeconds(1), 10))
                .containsExactly(t0.plusSeconds(3), t0.plusSeconds(2));
    }

    @Test
    void disablingAnAccountEndsItsSessions() {
        Account a = accounts.create(new NewAccount("zhao", "赵队长", AccountRole.STREET, "双塔街道", List.of(), HASH, "t"));
        SessionStore sessions = new SessionStore(db.dataSource());
        Instant now = Instant.now();
        sessions.create(new byte[] {1, 2, 3}, a.id(), "csrf", now, now.plusSeconds(3600));

        assertThat(accounts.setActive(a.id(), false)).isTrue();

        assertThat(sessions.touch(new byte[] {1, 2, 3}, now, now.minusSeconds(60))).isEmpty();
        assertThat(accounts.find(a.id()).orElseThrow().active()).isFalse();
    }
}
