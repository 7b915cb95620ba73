package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.NotificationStatus;
import org.shouwang.model.Json;
import org.shouwang.notifier.NotifierHarness.Home;
import org.shouwang.notifier.channel.aliyun.AliyunConfig;
import org.shouwang.notifier.channel.aliyun.AliyunSmsChannel;
import org.shouwang.notifier.channel.aliyun.AliyunTemplates;
import org.shouwang.notifier.channel.aliyun.AliyunVoiceChannel;
import org.shouwang.standin.AliyunStubRequest;
import org.shouwang.standin.RecordingAliyunServer;

/**
 * A button press paged through Alibaba Cloud end to end: the escalation writes the page with its template to
 * the outbox in PostgreSQL, the outbox reads it back and the real SDKs send it to the recording stand-in.
 */
class AliyunPagingIT {

    private static final String TEMPLATES = """
            sms:
              CRITICAL: { code: SMS_468123001 }
            voice:
              CRITICAL: { code: TTS_468124001 }
              ACK_CONFIRMATION: { code: TTS_468124007 }
            """;

    private static NotifierHarness h;
    private static RecordingAliyunServer aliyun;

    @BeforeAll
    static void start() {
        h = new NotifierHarness(Instant.parse("2026-07-20T02:00:00Z"));
        aliyun = RecordingAliyunServer.start(0);
    }

    @AfterAll
    static void stop() {
        aliyun.close();
        h.close();
    }

    @Test
    void aPlus86ContactGetsTheTemplateSmsAndTheIvrCallWithTheNotificationAsOutId() {
        AliyunConfig config = AliyunConfig.of("LTAI-test-key", "test-secret", "守望", "057112345678")
                .withEndpoints(aliyun.baseUrl()).withRequestTimeout(Duration.ofSeconds(5));
        AliyunTemplates templates = AliyunTemplates.parse(TEMPLATES);
        Map<NotificationChannel, Channel> channels = new EnumMap<>(NotificationChannel.class);
        channels.put(NotificationChannel.SMS, new AliyunSmsChannel(config, templates));
        channels.put(NotificationChannel.VOICE, new AliyunVoiceChannel(config, templates));
        Notifier notifier = Notifier.create(h.stores, channels, EscalationPlans.defaults(), NotifierHarness.RETRY,
                DigestConfig.none(), h.clock);
        Home home = h.home();

        long id = notifier.service().handle(h.press(home, "1")).orElseThrow().incident().id();
        String code = h.stores.incidents().find(id).orElseThrow().code();

        Notification sms = h.page(id, home.neighbour(), NotificationChannel.SMS);
        Notification call = h.page(id, home.neighbour(), NotificationChannel.VOICE);
        String national = home.neighbour().phone().substring(3);
        AliyunStubRequest sent = aliyun.messages().stream().filter(m -> m.phone().equals(national)).findFirst()
                .orElseThrow();
        assertThat(sent.templateCode()).isEqualTo("SMS_468123001");
        assertThat(sent.param("SignName")).isEqualTo("守望");
        assertThat(Json.read(sent.templateParams(), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", "王阿婆", "details", "平江街道大儒巷12号", "event", "按下一键呼叫", "code", code));
        assertThat(sent.outId()).isEqualTo(String.valueOf(sms.id()));
        assertThat(sms.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sms.providerSid()).isEqualTo(sent.providerId());

        AliyunStubRequest rang = aliyun.calls().stream().filter(c -> c.phone().equals(national)).findFirst()
                .orElseThrow();
        assertThat(rang.templateCode()).isEqualTo("TTS_468124001");
        assertThat(Json.read(rang.templateParams(), Map.class)).containsEntry("code", String.join(" ", code.split("")))
                .containsEntry("event", "按下了一键呼叫");
        assertThat(rang.menu()).containsEntry("1", "TTS_468124007").containsEntry("2", "TTS_468124001");
        assertThat(rang.outId()).isEqualTo(String.valueOf(call.id()));
        assertThat(call.providerSid()).isEqualTo(rang.providerId());
        // The finished text is still written for Twilio and the console.
        assertThat(sms.body()).startsWith("【守望】紧急求助：王阿婆");
    }
}
