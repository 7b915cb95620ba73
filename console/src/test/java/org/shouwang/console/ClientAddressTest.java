package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which address a login counts against: the peer, or behind a trusted proxy the client it saw. */
class ClientAddressTest {

    private static final Set<String> PROXY = Set.of("10.0.0.5");

    @Test
    void withoutATrustedProxyThePeerCountsWhateverXForwardedForSays() {
        assertThat(ClientAddress.of("192.0.2.7", List.of("198.51.100.1"), Set.of())).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("192.0.2.7", List.of("198.51.100.1"), PROXY)).isEqualTo("192.0.2.7");
    }

    @Test
    void behindATrustedProxyTheRightmostEntryNotAProxyCounts() {
        assertThat(ClientAddress.of("10.0.0.5", List.of("198.51.100.1"), PROXY)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.5", List.of("1.2.3.4, 198.51.100.1"), PROXY))
                .as("the forged left entry is ignored").isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.5", List.of("198.51.100.1", "10.0.0.5"), Set.of("10.0.0.5")))
                .as("a chain of trusted proxies, over two headers").isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.5", List.of("198.51.100.1:4711"), PROXY)).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of("10.0.0.5", List.of(), PROXY)).as("no header: the proxy itself").isEqualTo("10.0.0.5");
        assertThat(ClientAddress.of("10.0.0.5", List.of("evil.example"), PROXY)).isEqualTo("10.0.0.5");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64AndAMappedIpv4AsIpv4() {
        assertThat(ClientAddress.of("2001:db8:1:2:aaaa::1", List.of(), Set.of()))
                .isEqualTo(ClientAddress.of("2001:db8:1:2:bbbb::9", List.of(), Set.of())).endsWith("/64");
        assertThat(ClientAddress.of("2001:db8:1:3::1", List.of(), Set.of()))
                .isNotEqualTo(ClientAddress.of("2001:db8:1:2::1", List.of(), Set.of()));
        assertThat(ClientAddress.of("::ffff:192.0.2.7", List.of(), Set.of())).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of(null, List.of(), Set.of())).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void configuredProxiesMustBeIpLiteralsAndAreNeverLookedUp() {
        assertThat(ClientAddress.canonical(" 10.0.0.5 ")).isEqualTo("10.0.0.5");
        assertThat(ClientAddress.canonical("::1")).isEqualTo(ClientAddress.canonical("0:0:0:0:0:0:0:1"));
        assertThatThrownBy(() -> ClientAddress.canonical("proxy.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsoleConfig("127.0.0.1", 0).withTrustedProxies(List.of("localhost")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustedProxies");
    }
}
