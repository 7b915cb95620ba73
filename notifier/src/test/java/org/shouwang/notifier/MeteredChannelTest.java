package org.shouwang.notifier;

import org.shouwang.testkit.TestClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.notifier.ChannelException.Kind;

/** Every attempt through a channel is counted by channel and outcome, and tells the provider's health. */
class MeteredChannelTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NotifierMetrics metrics = new NotifierMetrics(registry);
    private final ProviderHealth provider = new ProviderHealth("twilio", new TestClock(Instant.EPOCH));
    private final Deque<ChannelException> failures = new ArrayDeque<>();
    private final Channel sms = new MeteredChannel(NotificationChannel.SMS, page -> {
        ChannelException next = failures.poll();
        if (next != null) {
            throw next;
        }
        return new Delivery("SM1", "queued");
    }, metrics, provider);

    @Test
    void eachOutcomeIsCountedUnderItsTagAndTheProviderFollows() throws Exception {
        failures.add(ChannelException.forStatus(503, null));
        failures.add(new ChannelException(Kind.UNCERTAIN, "no answer", null, null, null));
        failures.add(ChannelException.forStatus(400, 21211));

        assertThatThrownBy(() -> sms.send(page())).isInstanceOf(ChannelException.class);
        assertThat(provider.problem()).contains("HTTP 503");
        assertThatThrownBy(() -> sms.send(page())).isInstanceOf(ChannelException.class);
        assertThatThrownBy(() -> sms.send(page())).isInstanceOf(ChannelException.class);
        assertThat(sms.send(page()).providerSid()).isEqualTo("SM1");

        assertThat(pages("sent")).isEqualTo(1);
        assertThat(pages("failed")).isEqualTo(1);
        assertThat(pages("uncertain")).isEqualTo(1);
        assertThat(pages("rejected")).isEqualTo(1);
        assertThat(registry.get("shouwang.pages").tag("channel", "voice").tag("outcome", "sent").counter().count())
                .as("voice is registered at zero").isZero();
        assertThat(provider.problem()).isNull();
    }

    private double pages(String outcome) {
        return registry.get("shouwang.pages").tag("channel", "sms").tag("outcome", outcome).counter().count();
    }

    private static Page page() {
        return new Page(1, 1, null, null, NotificationChannel.SMS, "13800000001", "测试");
    }
}
