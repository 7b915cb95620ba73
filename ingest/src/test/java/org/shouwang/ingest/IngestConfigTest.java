package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.Topics;

/** Ingest's configuration: named defaults, refused nonsense, the filters it subscribes to. */
class IngestConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        IngestConfig c = IngestConfig.of("tcp://broker:1883", "ingest-1");

        assertThat(c.sharedGroup()).as("plain: the only mode a Mosquitto restart loses nothing in").isNull();
        assertThat(c.batchSize()).isEqualTo(200);
        assertThat(c.batchDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.queueCapacity()).isEqualTo(10_000);
        assertThat(c.limits()).isEqualTo(PayloadLimits.DEFAULTS);
        assertThat(c.username()).isNull();
    }

    @Test
    void aSharedGroupPrefixesEveryChannelFilter() {
        assertThat(IngestConfig.of("tcp://b:1883", "i").withSharedGroup("shouwang-ingest").subscriptionFilters()).containsExactly(
                "$share/shouwang-ingest/shouwang/v1/+/telemetry",
                "$share/shouwang-ingest/shouwang/v1/+/event",
                "$share/shouwang-ingest/shouwang/v1/+/status");
    }

    @Test
    void aBlankOrNullGroupMeansAPlainSubscription() {
        IngestConfig blank = IngestConfig.of("tcp://b:1883", "i").withSharedGroup("  ");

        assertThat(blank.sharedGroup()).isNull();
        assertThat(blank.subscriptionFilters()).containsExactly(
                "shouwang/v1/+/telemetry", "shouwang/v1/+/event", "shouwang/v1/+/status");
        assertThat(IngestConfig.of("tcp://b:1883", "i").withSharedGroup(null).sharedGroup()).isNull();
    }

    @Test
    void aSessionDropsTheFiltersOfTheOtherModeSoAnUpgradedSiteGetsNoMessageTwice() {
        assertThat(IngestConfig.of("tcp://b:1883", "i").otherModeFilters(Topics.Channel.TELEMETRY))
                .containsExactly("$share/shouwang-ingest/shouwang/v1/+/telemetry");
        assertThat(IngestConfig.of("tcp://b:1883", "i").withSharedGroup("g").otherModeFilters(Topics.Channel.EVENT))
                .containsExactly("shouwang/v1/+/event");
    }

    @Test
    void nullLimitsFallBackToTheDefaults() {
        assertThat(IngestConfig.of("tcp://b:1883", "i").withLimits(null).limits()).isEqualTo(PayloadLimits.DEFAULTS);
    }

    @Test
    void refusesWhatCannotWork() {
        IngestConfig ok = IngestConfig.of("tcp://b:1883", "i");

        assertThatThrownBy(() -> IngestConfig.of("http://b", "i")).hasMessageContaining("brokerUrl");
        assertThatThrownBy(() -> IngestConfig.of("tcp://b:1883", " ")).hasMessageContaining("clientId");
        assertThatThrownBy(() -> ok.withCredentials(null, "secret")).hasMessageContaining("username");
        assertThatThrownBy(() -> ok.withSharedGroup("a/b")).hasMessageContaining("sharedGroup");
        assertThatThrownBy(() -> ok.withBatching(0, Duration.ZERO, 10)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> ok.withBatching(10, Duration.ofMillis(-1), 10)).hasMessageContaining("batchDelay");
        assertThatThrownBy(() -> ok.withBatching(100, Duration.ZERO, 99)).hasMessageContaining("queueCapacity");
    }

    @Test
    void aClusteredBrokerIsItsNodesSeparatedByCommasTriedInOrder() {
        IngestConfig config = IngestConfig.of(" tcp://n1:1883, tcp://n2:1883 ,ssl://n3:8883", "i");

        assertThat(config.brokerUrls()).containsExactly("tcp://n1:1883", "tcp://n2:1883", "ssl://n3:8883");
        assertThat(config.brokerUrl()).isEqualTo("tcp://n1:1883,tcp://n2:1883,ssl://n3:8883");
        assertThat(IngestConfig.of("tcp://b:1883", "i").brokerUrls()).containsExactly("tcp://b:1883");
        assertThatThrownBy(() -> IngestConfig.of("tcp://n1:1883,,tcp://n2:1883", "i")).hasMessageContaining("brokerUrl");
        assertThatThrownBy(() -> IngestConfig.of("tcp://n1:1883,http://n2", "i")).hasMessageContaining("http://n2");
        assertThatThrownBy(() -> IngestConfig.of("tcp://n1:1883,tcp://n1:1883", "i")).hasMessageContaining("twice");
        assertThatThrownBy(() -> IngestConfig.of("tcp://", "i")).hasMessageContaining("brokerUrl");
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(IngestConfig.of("tcp://b:1883", "i").withCredentials("ingest", "s3cret").toString())
                .doesNotContain("s3cret").contains("password=***");
    }
}
