package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwilioTransportTest {

    private static final String MESSAGES = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json";

    @Test
    void restApiUrlMovesToTheConfiguredBase() {
        TwilioTransport t = new TwilioTransport("http://127.0.0.1:8099/twilio", Duration.ofSeconds(1));

        assertThat(t.route(MESSAGES)).hasToString("http://127.0.0.1:8099/twilio/2010-04-01/Accounts/AC1/Messages.json");
    }

    @Test
    void defaultBaseLeavesUrlsAlone() {
        TwilioTransport t = new TwilioTransport(TwilioConfig.DEFAULT_API_BASE_URL, Duration.ofSeconds(1));

        assertThat(t.route(MESSAGES)).hasToString(MESSAGES);
        assertThat(t.route("https://messaging.twilio.com/v1/Services")).hasToString("https://messaging.twilio.com/v1/Services");
    }

    @Test
    void otherTwilioHostsNeverSlipPastAStandIn() {
        TwilioTransport t = new TwilioTransport("http://127.0.0.1:8099", Duration.ofSeconds(1));

        assertThatThrownBy(() -> t.route("https://messaging.twilio.com/v1/Services"))
                .isInstanceOf(InvalidRequestException.class);
    }
}
