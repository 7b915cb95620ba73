package org.shouwang.notifier.channel.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.shouwang.notifier.channel.aliyun.AliyunSmsChannelIT.BUTTON;
import static org.shouwang.notifier.channel.aliyun.AliyunSmsChannelIT.TEMPLATES;
import static org.shouwang.notifier.channel.aliyun.AliyunSmsChannelIT.page;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Json;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.ChannelException.Kind;
import org.shouwang.notifier.Delivery;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.PageTemplate;
import org.shouwang.standin.RecordingAliyunServer;
import org.shouwang.standin.RecordingAliyunServer.Failure;

/** The real dyvmsapi SDK placing IVR calls at the recording Alibaba Cloud stand-in over local HTTP. */
class AliyunVoiceChannelIT {

    private static RecordingAliyunServer stub;
    private static AliyunVoiceChannel channel;

    @BeforeAll
    static void start() {
        stub = RecordingAliyunServer.start(0);
        channel = new AliyunVoiceChannel(AliyunConfig.of("LTAI-test-key", "test-secret", "守望", "057112345678")
                .withEndpoints(stub.baseUrl()), AliyunTemplates.parse(TEMPLATES));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void clear() {
        stub.clear();
    }

    @Test
    void aContactsCallSaysThePageAndOffersKey1ToTakeAndKey2ToHearAgain() throws Exception {
        PageTemplate spoken = PageTemplate.of(MessageType.CRITICAL, Map.of("name", "王阿婆", "profile", "86岁，",
                "place", "平江街道大儒巷12号", "event", "按下了一键呼叫", "code", "S W 0 0 0 0 1"));

        Delivery d = channel.send(page("+8613800000001", NotificationChannel.VOICE, spoken));

        assertThat(stub.calls()).singleElement().satisfies(c -> {
            assertThat(c.phone()).isEqualTo("13800000001");
            assertThat(c.param("CalledShowNumber")).isEqualTo("057112345678");
            assertThat(c.templateCode()).isEqualTo("TTS_468124001");
            assertThat(Json.read(c.templateParams(), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "name", "王阿婆", "details", "86岁，住在平江街道大儒巷12号", "event", "按下了一键呼叫",
                    "code", "S W 0 0 0 0 1"));
            assertThat(c.menu()).containsExactlyInAnyOrderEntriesOf(Map.of("1", "TTS_468124007", "2", "TTS_468124001"));
            assertThat(c.param("MenuKeyMap.2.TtsParams")).isEqualTo(c.templateParams());
            assertThat(c.param("PlayTimes")).isEqualTo("2");
            assertThat(c.param("Timeout")).isEqualTo("10000");
            assertThat(c.outId()).isEqualTo("77");
            assertThat(d.providerSid()).isEqualTo(c.providerId());
        });
    }

    @Test
    void theEldersWellCheckMapsKey1ToWellAndKey2ToHelp() throws Exception {
        PageTemplate check = PageTemplate.of(MessageType.WELL_CHECK, Map.of("name", "王阿婆",
                "reason", "我们发现您家中较长时间没有用水"));

        channel.send(page("13800000003", NotificationChannel.VOICE, check));

        assertThat(stub.calls()).singleElement().satisfies(c -> {
            assertThat(c.templateCode()).isEqualTo("TTS_468124006");
            assertThat(c.menu()).containsExactlyInAnyOrderEntriesOf(Map.of("1", "TTS_468124008", "2", "TTS_468124009"));
        });
    }

    @Test
    void aKeysAnswerWithVariablesIsFilledFromThePagesFacts() throws Exception {
        AliyunVoiceChannel own = new AliyunVoiceChannel(AliyunConfig.of("LTAI-test-key", "test-secret", "守望",
                "057112345678").withEndpoints(stub.baseUrl()), AliyunTemplates.parse("""
                voice:
                  CRITICAL: { code: TTS_1 }
                  ACK_CONFIRMATION: { code: TTS_2, variables: { incident: "{code}" } }
                """));

        own.send(page("+8613800000001", NotificationChannel.VOICE, BUTTON));

        assertThat(stub.calls()).singleElement().satisfies(c -> {
            assertThat(c.menu()).containsEntry("1", "TTS_2");
            assertThat(Json.read(c.param("MenuKeyMap.1.TtsParams"), Map.class)).containsExactly(
                    Map.entry("incident", "SW00001"));
        });
    }

    @Test
    void throttledAndServerErrorsAreRetriableAnInvalidNumberIsNot() {
        stub.failNext(Failure.THROTTLED, 1);
        ChannelException throttled = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000001", NotificationChannel.VOICE, BUTTON)));
        stub.failNext(Failure.SERVER_ERROR, 1);
        ChannelException down = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000001", NotificationChannel.VOICE, BUTTON)));
        stub.failFor("13800000009", Failure.INVALID_NUMBER);
        ChannelException invalid = catchThrowableOfType(ChannelException.class,
                () -> channel.send(page("+8613800000009", NotificationChannel.VOICE, BUTTON)));

        assertThat(throttled.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(down.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(down.httpStatus()).isEqualTo(503);
        assertThat(invalid.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(stub.calls()).isEmpty();
    }

    @Test
    void aVoiceChannelWithoutTheKeyAnswersIsRefusedAtStartUp() {
        AliyunConfig config = AliyunConfig.of("LTAI-test-key", "test-secret", "守望", "057112345678");

        assertThatThrownBy(() -> new AliyunVoiceChannel(config, AliyunTemplates.parse("voice:\n  CRITICAL: { code: TTS_1 }\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACK_CONFIRMATION");
        assertThatThrownBy(() -> new AliyunVoiceChannel(AliyunConfig.of("LTAI-test-key", "test-secret", "守望", null),
                AliyunTemplates.parse(TEMPLATES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callerNumber");
    }
}
