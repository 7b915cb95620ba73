package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;

class VoiceTwimlTest {

    private static final WebhookConfig HOOKS = new WebhookConfig("127.0.0.1", 0, "https://shouwang.example.org");

    @Test
    void pageCallAsksForOneKeyInMandarinAndPostsItToTheGatherWebhookOfItsRow() {
        Page page = new Page(42, 7, 3L, Audience.COMMUNITY_WORKER, NotificationChannel.VOICE, "13800000001",
                "这里是守望平台紧急呼叫。如果您接手处理，请按1。");

        String xml = VoiceTwiml.call(page, HOOKS);

        assertThat(xml).startsWith("<?xml").contains("<Response>")
                .contains("<Gather action=\"https://shouwang.example.org/twilio/voice/gather?notification=42\"")
                .contains("method=\"POST\"").contains("numDigits=\"1\"")
                .contains("<Say language=\"zh-CN\" loop=\"2\">这里是守望平台紧急呼叫。如果您接手处理，请按1。</Say></Gather>")
                .contains("<Say language=\"zh-CN\">" + VoiceText.NO_KEY_CONTACT + "</Say></Response>");
    }

    @Test
    void elderCallSaysSomethingElseWhenNoKeyCame() {
        Page page = new Page(43, 7, null, Audience.ELDER, NotificationChannel.VOICE, "13800000009", "您好");

        assertThat(VoiceTwiml.call(page, HOOKS)).contains(VoiceText.NO_KEY_ELDER);
    }

    @Test
    void textIsEscapedSoAPageCannotInjectTwiml() {
        Page page = new Page(44, 7, 3L, Audience.COMMUNITY_WORKER, NotificationChannel.VOICE, "13800000001",
                "王<Hangup/>&阿婆");

        assertThat(VoiceTwiml.call(page, HOOKS)).doesNotContain("<Hangup/>").contains("王&lt;Hangup/&gt;&amp;阿婆");
    }

    @Test
    void answerIsASingleMandarinSay() {
        assertThat(VoiceTwiml.say(VoiceText.TAKEN_BY_YOU)).contains("<Response><Say language=\"zh-CN\">"
                + VoiceText.TAKEN_BY_YOU + "</Say></Response>");
    }

    @Test
    void incidentCodeIsSpelledOut() {
        assertThat(VoiceText.spelled("SW00012")).isEqualTo("S W 0 0 0 1 2");
    }
}
