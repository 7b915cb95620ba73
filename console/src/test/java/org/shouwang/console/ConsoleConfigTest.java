package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The console's configuration refuses what cannot work and defaults to the loopback interface. */
class ConsoleConfigTest {

    @Test
    void defaultsListenOnLoopbackPort8080() {
        assertThat(ConsoleConfig.defaults()).isEqualTo(new ConsoleConfig("127.0.0.1", 8080));
    }

    @Test
    void portZeroIsAllowedForAnyFreePort() {
        assertThat(new ConsoleConfig("0.0.0.0", 0).port()).isZero();
    }

    @Test
    void blankHostOrOutOfRangePortIsRefused() {
        assertThatThrownBy(() -> new ConsoleConfig(" ", 8080)).hasMessageContaining("host");
        assertThatThrownBy(() -> new ConsoleConfig("127.0.0.1", 65_536)).hasMessageContaining("65535");
        assertThatThrownBy(() -> new ConsoleConfig("127.0.0.1", -1)).hasMessageContaining("port");
    }

    @Test
    void sessionsDefaultToTwoHoursIdleAndAShiftAtMostWithoutSecureCookies() {
        ConsoleConfig c = ConsoleConfig.defaults();
        assertThat(c.sessionIdle()).hasHours(2);
        assertThat(c.sessionMaxAge()).hasHours(12);
        assertThat(c.secureCookies()).isFalse();
        assertThat(c.withSecureCookies(true).secureCookies()).isTrue();
        assertThatThrownBy(() -> c.withSessions(java.time.Duration.ofHours(3), java.time.Duration.ofHours(1)))
                .hasMessageContaining("sessionIdle");
    }

    @Test
    void adminNeedsAStrongEnoughPasswordWhichNeverShowsInToString() {
        assertThatThrownBy(() -> ConsoleConfig.defaults().withAdmin("admin", "short")).hasMessageContaining("adminPassword");
        ConsoleConfig c = ConsoleConfig.defaults().withAdmin("admin", "a-long-secret-1");
        assertThat(c.adminUser()).isEqualTo("admin");
        assertThat(c.toString()).doesNotContain("a-long-secret-1");
        assertThat(ConsoleConfig.defaults().withAdmin(" ", null).adminUser()).isNull();
    }
}
