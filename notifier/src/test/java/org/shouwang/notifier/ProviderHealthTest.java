package org.shouwang.notifier;

import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.shouwang.notifier.ChannelException.Kind;

/** A provider is down exactly while its last attempt failed for its own sake and none succeeded since. */
class ProviderHealthTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProviderHealth twilio = new ProviderHealth("twilio", clock, registry);

    @Test
    void untriedProviderIsUp() {
        assertThat(twilio.problem()).isNull();
        assertThat(up()).isEqualTo(1);
    }

    @Test
    void oneServerErrorWithNoSuccessSinceIsDownWithTheStatusAndHowLongAgo() {
        twilio.succeeded();
        clock.advance(Duration.ofSeconds(5));
        twilio.failed(ChannelException.forStatus(503, 20500));
        clock.advance(Duration.ofSeconds(42));

        assertThat(twilio.problem()).contains("twilio", "HTTP 503", "20500", "42 秒前", "此后没有成功发送");
        assertThat(up()).isZero();
    }

    @Test
    void aSuccessAfterTheFailureBringsItBack() {
        twilio.failed(new ChannelException(Kind.RETRIABLE, "twilio unreachable", null, null, null));
        assertThat(twilio.problem()).contains("无法连接");

        clock.advance(Duration.ofSeconds(10));
        twilio.succeeded();

        assertThat(twilio.problem()).isNull();
        assertThat(up()).isEqualTo(1);
    }

    @Test
    void aTimeoutCountsAgainstTheProvider() {
        twilio.failed(new ChannelException(Kind.UNCERTAIN, "no answer", null, null, null));

        assertThat(twilio.problem()).contains("未在时限内应答");
    }

    @Test
    void anInvalidNumberProvesTheProviderAnswersAndClearsAnEarlierFailure() {
        twilio.failed(ChannelException.forStatus(500, null));
        clock.advance(Duration.ofSeconds(1));

        twilio.failed(ChannelException.forStatus(400, 21211));

        assertThat(twilio.problem()).isNull();
    }

    @Test
    void refusedCredentialsAreTheProvidersTroubleThoughPermanent() {
        assertThat(ProviderHealth.providerTrouble(ChannelException.forStatus(401, 20003))).isTrue();
        assertThat(ProviderHealth.providerTrouble(ChannelException.forStatus(403, null))).isTrue();
        assertThat(ProviderHealth.providerTrouble(new ChannelException(Kind.PERMANENT, "no credentials", null, null,
                null))).isTrue();
        assertThat(ProviderHealth.providerTrouble(ChannelException.forStatus(400, 21211))).isFalse();
        assertThat(ProviderHealth.providerTrouble(ChannelException.forStatus(429, null))).isTrue();

        twilio.failed(ChannelException.forStatus(401, 20003));
        assertThat(twilio.problem()).contains("HTTP 401");
    }

    @Test
    void aFailureInTheSameInstantAsASuccessDoesNotCountAsLater() {
        twilio.failed(ChannelException.forStatus(503, null));
        twilio.succeeded();

        assertThat(twilio.problem()).isNull();
    }

    private double up() {
        return registry.get("shouwang.provider.up").tag("provider", "twilio").gauge().value();
    }
}
