package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/** Sessions end at their expiry, after an idle gap and at logout; a live one is marked seen. */
class SessionStoreIT {

    private static final Instant NOW = Instant.parse("2026-01-20T02:00:00Z");
    private static final Duration IDLE = Duration.ofHours(2);

    private static Database db;
    private static SessionStore sessions;
    private static Account account;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseConfig.of(TestServices.freshDatabase()));
        sessions = new SessionStore(db.dataSource());
        account = new AccountStore(db.dataSource()).create(new NewAccount("sun", "孙值班", AccountRole.STREET,
                "平江街道", List.of(), "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", "test"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void liveSessionIsReadWithItsAccountAndCsrfTokenAndStaysAliveWhileUsed() {
        byte[] token = {10, 1};
        sessions.create(token, account.id(), "csrf-1", NOW, NOW.plus(Duration.ofHours(12)));

        Session s = sessions.touch(token, NOW.plus(Duration.ofMinutes(90)), NOW.plus(Duration.ofMinutes(90)).minus(IDLE))
                .orElseThrow();
        assertThat(s.account()).isEqualTo(account);
        assertThat(s.csrfToken()).isEqualTo("csrf-1");

        // Seen at +90 min, so at +200 min it has been idle for less than two hours.
        Instant later = NOW.plus(Duration.ofMinutes(200));
        assertThat(sessions.touch(token, later, later.minus(IDLE))).isPresent();
    }

    @Test
    void idleOrExpiredOrLoggedOutSessionIsGone() {
        byte[] idle = {20, 1};
        byte[] expiring = {20, 2};
        byte[] loggedOut = {20, 3};
        sessions.create(idle, account.id(), "a", NOW, NOW.plus(Duration.ofHours(12)));
        sessions.create(expiring, account.id(), "b", NOW, NOW.plus(Duration.ofMinutes(30)));
        sessions.create(loggedOut, account.id(), "c", NOW, NOW.plus(Duration.ofHours(12)));

        Instant later = NOW.plus(Duration.ofMinutes(150));
        assertThat(sessions.touch(idle, later, later.minus(IDLE))).isEmpty();
        Instant soon = NOW.plus(Duration.ofMinutes(31));
        assertThat(sessions.touch(expiring, soon, soon.minus(IDLE))).isEmpty();
        assertThat(sessions.delete(loggedOut)).isTrue();
        assertThat(sessions.touch(loggedOut, NOW, NOW.minus(IDLE))).isEmpty();
        assertThat(sessions.touch(new byte[] {99}, NOW, NOW.minus(IDLE))).isEmpty();
        assertThat(sessions.deleteStale(later, later.minus(IDLE))).isGreaterThanOrEqualTo(2);
    }
}
