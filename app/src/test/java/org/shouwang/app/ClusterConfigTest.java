package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ClusterConfig}: off by default, and refuses timings under which a stuck leader could overlap another. */
class ClusterConfigTest {

    @Test
    void offByDefaultWithTheDocumentedTimings() {
        ClusterConfig c = ConfigLoader.load(null, Map.of()).cluster();
        assertThat(c.enabled()).isFalse();
        assertThat(c.renewEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.node()).isNotBlank();
    }

    @Test
    void environmentVariablesTurnItOnForOneNode() {
        ClusterConfig c = ConfigLoader.load(null, Map.of("SHOUWANG_CLUSTER_ENABLED", "true",
                "SHOUWANG_CLUSTER_NODE_ID", "node-a", "SHOUWANG_CLUSTER_RENEW_EVERY", "PT1S",
                "SHOUWANG_CLUSTER_SESSION_TIMEOUT", "PT4S")).cluster();
        assertThat(c).isEqualTo(new ClusterConfig(true, "node-a", Duration.ofSeconds(1), Duration.ofSeconds(4)));
        assertThat(c.node()).isEqualTo("node-a");
    }

    @Test
    void aRenewalMayTakeHalfOfWhatTheSessionTimeoutLeavesAfterOnePeriod() {
        ClusterConfig defaults = ClusterConfig.DEFAULTS;
        assertThat(defaults.renewalTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.stepDownWithin()).as("stepping down begins").isEqualTo(Duration.ofSeconds(6))
                .isLessThan(defaults.sessionTimeout());
        assertThat(new ClusterConfig(true, "a", Duration.ofSeconds(1), Duration.ofSeconds(4)).renewalTimeout())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSessionTimeoutUnderFourRenewalsIsRefused() {
        assertThatThrownBy(() -> new ClusterConfig(true, "a", Duration.ofSeconds(2), Duration.ofSeconds(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
    }

    @Test
    void renewalsAreWholeSecondsWithinOneToTen() {
        assertThatThrownBy(() -> new ClusterConfig(true, "a", Duration.ofMillis(500), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewEvery");
        assertThatThrownBy(() -> new ClusterConfig(true, "a", Duration.ofSeconds(11), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewEvery");
    }

    @Test
    void aNodeIdThatCouldNotBeAnApplicationNameIsRefused() {
        assertThatThrownBy(() -> new ClusterConfig(true, "node a'; --", Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeId");
    }
}
