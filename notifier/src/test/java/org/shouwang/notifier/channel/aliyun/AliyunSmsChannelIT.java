package org.shouwang.notifier.channel.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Json;
import org.shouwang.notifier.Audience;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.ChannelException.Kind;
import org.shouwang.notifier.Delivery;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.Page;
import org.shouwang.notifier.PageTemplate;
import org.shouwang.standin.RecordingAliyunServer;
import org.shouwang.standin.RecordingAliyunServer.Failure;

/** The real dysmsapi SDK against the recording Alibaba Cloud stand-in over local HTTP. */
class AliyunSmsChannelIT {

    static final String TEMPLATES = """
            sms:
              CRITICAL: { code: SMS_468123001 }
              WELL_CHECK: { code: SMS_468123006 }
            voice:
              CRITICAL: { code: TTS_468124001 }
              WELL_CHECK: { code: TTS_468124006 }
              ACK_CONFIRMATION: { code: TTS_468124007 }
              ELDER_WELL: { code: TTS_468124008 }
              ELDER_HELP: { code: TTS_468124009 }
            """;
    static final PageTemplate BUTTON = PageTemplate.of(MessageType.CRITICAL, Map.of("name", "王阿婆",
            "profile", "86岁，重点老人，", "place", "平江街道大儒巷12号", "event", "按下一键呼叫", "code", "SW00001"));

    private static RecordingAliyunServer stub;
    private static AliyunConfig config;
    private static AliyunSmsChannel channel;

    @BeforeAll
    static void start() {
        stub = RecordingAliyunServer.start(0);
        config = AliyunConfig.of("LTAI-test-key", "test-secret", "守望", "057112345678").withEndpoints(stub.baseUrl());
        channel = new AliyunSmsChannel(config, AliyunTemplates.parse(TEMPLATES));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void clear() {
        stub.clear();
    }

    static Page page(String to, NotificationChannel via, PageTemplate template) {
        return new Page(77, 1, 2L, Audience.NEIGHBOUR_VOLUNTEER, via, to, "(the Twilio text)", template);
    }

    @Test
    void plus86ContactGetsTheCriticalTemplateWithItsVariablesAndTheNotificationAsOutId() throws Exception {
        Delivery d = channel.send(page("+8613800000001", NotificationChannel.SMS, BUTTON));

        assertThat(stub.messages()).singleElement().satisfies(m -> {
            assertThat(m.phone()).isEqualTo("13800000001");
            assertThat(m.param("SignName")).isEqualTo("守望");
            assertThat(m.templateCode()).isEqualTo("SMS_468123001");
            assertThat(Json.read(m.templateParams(), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "name", "王阿婆", "details", "86岁，重点老人，平江街道大儒巷12号", "event", "按下一键呼叫", "code", "SW00001"));
            assertThat(m.outId()).isEqualTo("77");
            assertThat(d.providerSid()).isEqualTo(m.providerId());
        });
    }

    @Test
    void aBareElevenDigitMobileIsSentAsIs() throws Exception {
        channel.send(page("138 0000 0002", NotificationChannel.SMS, BUTTON));

        assertThat(stub.messages()).singleElement().satisfies(m -> assertThat(m.phone()).isEqualTo("13800000002"));
    }

    @Test
    void throttlingIsRetriable() {
        stub.failNext(Failure.THROTTLED, 1);

        ChannelException e = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000001", NotificationChannel.SMS, BUTTON)));

        assertThat(e.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(e.getMessage()).contains("isv.BUSINESS_LIMIT_CONTROL").doesNotContain("13800000001");
    }

    @Test
    void aServerErrorIsRetriable() {
        stub.failNext(Failure.SERVER_ERROR, 1);

        ChannelException e = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000001", NotificationChannel.SMS, BUTTON)));

        assertThat(e.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(e.httpStatus()).isEqualTo(503);
    }

    @Test
    void anInvalidNumberIsPermanent() {
        stub.failFor("13800000009", Failure.INVALID_NUMBER);

        ChannelException e = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000009", NotificationChannel.SMS, BUTTON)));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("isv.MOBILE_NUMBER_ILLEGAL");
    }

    @Test
    void aTemplateNotApprovedIsPermanent() {
        stub.failNext(Failure.TEMPLATE_ILLEGAL, 1);

        ChannelException e = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000001", NotificationChannel.SMS, BUTTON)));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void aNumberOutsideMainlandChinaIsRefusedForGoodWithoutARequest() {
        ChannelException e = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+12025550123", NotificationChannel.SMS, BUTTON)));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void aPageWithoutTemplateOrOfAnUnregisteredTypeIsRefusedForGood() {
        ChannelException none = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000001", NotificationChannel.SMS, null)));
        ChannelException unregistered = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000001", NotificationChannel.SMS,
                        PageTemplate.of(MessageType.HIGH, BUTTON.facts()))));

        assertThat(none.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(unregistered.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void noAnswerInTimeIsUncertainAndNoConnectionRetriable() throws Exception {
        // The SDK keeps one HTTP client per host and port, with the timeouts of the first request to it: the
        // short timeout needs a stand-in of its own.
        try (RecordingAliyunServer slowStub = RecordingAliyunServer.start(0)) {
            AliyunSmsChannel impatient = new AliyunSmsChannel(config.withEndpoints(slowStub.baseUrl())
                    .withRequestTimeout(Duration.ofMillis(500)), AliyunTemplates.parse(TEMPLATES));
            impatient.send(page("+8613800000001", NotificationChannel.SMS, BUTTON)); // warm the SDK up
            slowStub.delayNext(Duration.ofSeconds(3), 1);

            ChannelException slow = catchThrowableOfType(ChannelException.class,
                    () -> impatient.send(page("+8613800000001", NotificationChannel.SMS, BUTTON)));

            assertThat(slow.kind()).isEqualTo(Kind.UNCERTAIN);
        }
        AliyunSmsChannel nowhere = new AliyunSmsChannel(config.withEndpoints("http://127.0.0.1:1"),
                AliyunTemplates.parse(TEMPLATES));
        ChannelException refused = catchThrowableOfType(ChannelException.class,
                () -> nowhere.send(page("+8613800000001", NotificationChannel.SMS, BUTTON)));

        assertThat(refused.kind()).isEqualTo(Kind.RETRIABLE);
    }
}
