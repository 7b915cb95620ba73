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
}
