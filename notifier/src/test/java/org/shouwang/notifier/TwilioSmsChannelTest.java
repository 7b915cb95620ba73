package org.shouwang.notifier;

import org.shouwang.standin.TwilioStubRequest;
import org.shouwang.standin.RecordingTwilioServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.notifier.ChannelException.Kind;

/** The real Twilio SDK against the recording stand-in over local HTTP. */
class TwilioSmsChannelTest {

    static final String SID = "AC" + "0123456789abcdef".repeat(2);
    static final String FROM = "+12025550123";
    private static final String TO = "+8613800000001";
    private static final String BODY = "【守望】紧急求助：王阿婆（平江街道大儒巷12号）按下一键呼叫。事件SW00001，请立即联系或上门。";

    private static final WebhookConfig HOOKS = new WebhookConfig("127.0.0.1", 0, "https://shouwang.example.org");

    private static RecordingTwilioServer stub;
    private static TwilioSmsChannel channel;

    @BeforeAll
    static void start() {
        stub = RecordingTwilioServer.start(0);
        // A cold JVM's first SDK request takes longer than the short timeout the timeout test needs: that
        // test gets a channel of its own, so the others do not fail as "timed out" on a slow start.
        channel = new TwilioSmsChannel(TwilioConfig.of(SID, "test-token", FROM).withApiBaseUrl(stub.baseUrl()), HOOKS);
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
        return new Page(77, 1, 2L, Audience.NEIGHBOUR_VOLUNTEER, NotificationChannel.SMS, to, BODY);
    }

    @Test
    void smsArrivesAsMessagesJsonWithToFromAndChineseBody() throws Exception {
        Delivery d = channel.send(page(TO));

        assertThat(stub.messages()).singleElement().satisfies(m -> {
            assertThat(m.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
            assertThat(m.to()).isEqualTo(TO);
            assertThat(m.from()).isEqualTo(FROM);
            assertThat(m.body()).isEqualTo(BODY);
            assertThat(m.authorized()).isTrue();
            assertThat(m.sid()).isEqualTo(d.providerSid());
            assertThat(m.statusCallback()).isEqualTo("https://shouwang.example.org/twilio/sms/status?notification=77");
        });
        assertThat(d.providerSid()).startsWith("SM").hasSize(34);
        assertThat(d.providerStatus()).isEqualTo("queued");
    }

    @Test
    void registryNumbersAsStaffWriteThemAreSentInE164() throws Exception {
        channel.send(page("138 0000 0001"));

        assertThat(stub.messages()).singleElement().extracting(TwilioStubRequest::to).isEqualTo(TO);
    }

    @Test
    void rejectedNumberSurfacesAsPermanentWithTwilioCode() {
        stub.failFor(TO, 400);

        ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(page(TO)));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.providerCode()).isEqualTo(21211);
        assertThat(e.getMessage()).doesNotContain("8613800000001");
    }

    @Test
    void serverErrorSurfacesAsRetriableAfterExactlyOneRequest() {
        stub.failNext(500, 1);

        ChannelException e = catchThrowableOfType(ChannelException.class, () -> channel.send(page(TO)));

        assertThat(e.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(e.httpStatus()).isEqualTo(500);
        // The SDK's own three quick re-POSTs are switched off: the outbox decides about retries.
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void timeoutSurfacesAsUncertain() throws Exception {
        TwilioSmsChannel impatient = new TwilioSmsChannel(TwilioConfig.of(SID, "test-token", FROM)
                .withApiBaseUrl(stub.baseUrl()).withRequestTimeout(Duration.ofMillis(500)));
        channel.send(page(TO)); // warm: the SDK and the stand-in are past their first request
        stub.delayNext(Duration.ofSeconds(2), 1);

        ChannelException e = catchThrowableOfType(ChannelException.class, () -> impatient.send(page(TO)));

        // The request left: Twilio may have taken it, so a retry could text the person twice.
        assertThat(e.kind()).isEqualTo(Kind.UNCERTAIN);
        assertThat(e.httpStatus()).isNull();
    }

    @Test
    void unreachableServerSurfacesAsRetriable() {
        TwilioSmsChannel nowhere;
        try (RecordingTwilioServer closed = RecordingTwilioServer.start(0)) {
            nowhere = new TwilioSmsChannel(TwilioConfig.of(SID, "t", FROM).withApiBaseUrl(closed.baseUrl()));
        }

        assertThatThrownBy(() -> nowhere.send(page(TO)))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RETRIABLE));
    }

    @Test
    void plainTextGoesOutWithoutAStatusCallbackThatWouldNameANotification() throws Exception {
        Delivery d = channel.send("138 0000 0001", "【守望】今日请探访或致电王秀英，完成后回复 0");

        assertThat(stub.messages()).singleElement().satisfies(m -> {
            assertThat(m.to()).isEqualTo(TO);
            assertThat(m.from()).isEqualTo(FROM);
            assertThat(m.body()).isEqualTo("【守望】今日请探访或致电王秀英，完成后回复 0");
            assertThat(m.statusCallback()).isNull();
            assertThat(m.sid()).isEqualTo(d.providerSid());
        });
    }

    @Test
    void plainTextFailuresAreClassifiedAsPagesAre() {
        stub.failFor(TO, 400);
        ChannelException refused = catchThrowableOfType(ChannelException.class, () -> channel.send(TO, "x"));
        stub.clear();
        stub.failNext(503, 1);
        ChannelException passing = catchThrowableOfType(ChannelException.class, () -> channel.send(TO, "x"));

        assertThat(refused.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(passing.kind()).isEqualTo(Kind.RETRIABLE);
    }

    @Test
    void voicePageIsNotForTheSmsChannel() {
        assertThatThrownBy(() -> channel.send(new Page(1, 1, 2L, null, NotificationChannel.VOICE, TO, BODY)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
