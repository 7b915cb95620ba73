package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookConfigTest {

    @Test
    void urlsTwilioIsGivenStartWithThePublicBaseAndNameTheRow() {
        WebhookConfig c = new WebhookConfig(null, 8081, "https://shouwang.example.org/hooks/");

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.gatherUrl(12)).isEqualTo("https://shouwang.example.org/hooks/twilio/voice/gather?notification=12");
        assertThat(c.voiceStatusUrl(12)).isEqualTo("https://shouwang.example.org/hooks/twilio/voice/status?notification=12");
        assertThat(c.smsStatusUrl(12)).isEqualTo("https://shouwang.example.org/hooks/twilio/sms/status?notification=12");
        assertThat(c.smsInboundUrl()).isEqualTo("https://shouwang.example.org/hooks/twilio/sms/inbound");
    }

    @Test
    void publicBaseUrlIsRequiredAndMustBeAPlainHttpUrl() {
        assertThatThrownBy(() -> new WebhookConfig("0.0.0.0", 8081, "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("publicBaseUrl");
        assertThatThrownBy(() -> new WebhookConfig("0.0.0.0", 8081, "ftp://x.org"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookConfig("0.0.0.0", 8081, "https://x.org/?a=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookConfig("0.0.0.0", 70_000, "https://x.org"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
