package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwilioConfigTest {

    static final String SID = "AC" + "0123456789abcdef".repeat(2);

    @Test
    void defaultsToTheRealApiAndATenSecondTimeout() {
        TwilioConfig c = TwilioConfig.of(SID, "secret-token", "+12025550123");

        assertThat(c.apiBaseUrl()).isEqualTo("https://api.twilio.com");
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void trailingSlashOfTheBaseIsDropped() {
        assertThat(TwilioConfig.of(SID, "t", "+12025550123").withApiBaseUrl("http://127.0.0.1:8099/").apiBaseUrl())
                .isEqualTo("http://127.0.0.1:8099");
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(TwilioConfig.of(SID, "secret-token", "+12025550123").toString())
                .doesNotContain("secret-token").contains("authToken=***");
    }

    @Test
    void rejectsAMalformedAccountSid() {
        assertThatThrownBy(() -> TwilioConfig.of("AC123", "t", "+12025550123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account sid");
    }

    @Test
    void rejectsAMissingToken() {
        assertThatThrownBy(() -> TwilioConfig.of(SID, " ", "+12025550123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auth token");
    }

    @Test
    void rejectsAFromNumberNotInE164() {
        assertThatThrownBy(() -> TwilioConfig.of(SID, "t", "13800000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E.164");
    }

    @Test
    void rejectsABaseThatIsNotHttp() {
        assertThatThrownBy(() -> TwilioConfig.of(SID, "t", "+12025550123").withApiBaseUrl("ftp://example.org"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base url");
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> TwilioConfig.of(SID, "t", "+12025550123").withRequestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
