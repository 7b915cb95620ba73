package org.shouwang.notifier;

import org.shouwang.standin.RecordingTwilioServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.notifier.ChannelException.Kind;

/** The real Twilio SDK places calls against the recording stand-in over local HTTP. */
class TwilioVoiceChannelTest {

    private static final String TO = "+8613800000001";
    private static final WebhookConfig HOOKS = new WebhookConfig("127.0.0.1", 0, "https://shouwang.example.org");

    private static RecordingTwilioServer stub;
    private static TwilioVoiceChannel channel;

    @BeforeAll
    static void start() {
        stub = RecordingTwilioServer.start(0);
        channel = new TwilioVoiceChannel(TwilioConfig.of(TwilioSmsChannelTest.SID, "test-token",
                TwilioSmsChannelTest.FROM).withApiBaseUrl(stub.baseUrl()), HOOKS);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void clear() {
        stub.clear();
    }

    private static Page page(String to) {
        return new Page(42, 7, 3L, Audience.COMMUNITY_WORKER, NotificationChannel.VOICE, to, "这里是守望平台紧急呼叫。请按1。");
    }

    @Test
    void callArrivesAsCallsJsonWithInlineTwimlAndStatusCallback() throws Exception {
        Delivery d = channel.send(page("138 0000 0001"));

        assertThat(stub.calls()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/2010-04-01/Accounts/" + TwilioSmsChannelTest.SID + "/Calls.json");
            assertThat(c.to()).isEqualTo(TO);
            assertThat(c.from()).isEqualTo(TwilioSmsChannelTest.FROM);
            assertThat(c.twiml()).contains("<Gather").contains("numDigits=\"1\"")
                    .contains("https://shouwang.example.org/twilio/voice/gather?notification=42")
                    .contains("language=\"zh-CN\"").contains("这里是守望平台紧急呼叫。请按1。");
            assertThat(c.statusCallback()).isEqualTo("https://shouwang.example.org/twilio/voice/status?notification=42");
            assertThat(c.form()).containsEntry("StatusCallbackMethod", "POST").containsEntry("Timeout", "30");
            assertThat(c.sid()).isEqualTo(d.providerSid());
        });
        assertThat(d.providerSid()).startsWith("CA");
    }

    @Test
    void rejectedNumberIsPermanent() {
        stub.failFor(TO, 400);

        ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(page(TO)));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void serverErrorIsRetriable() {
        stub.failNext(503, 1);

        ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(page(TO)));

        assertThat(e.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void smsPageIsNotForTheVoiceChannel() {
        assertThatThrownBy(() -> channel.send(new Page(1, 1, 2L, null, NotificationChannel.SMS, TO, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
