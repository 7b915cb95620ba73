package org.shouwang.notifier.channel.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.PageTemplate;

/** The registered templates are read from YAML and refused at start-up where Alibaba would refuse a page. */
class AliyunTemplatesTest {

    @Test
    void aCodeAloneTakesTheDefaultLayout() {
        AliyunTemplates t = AliyunTemplates.parse("sms:\n  CRITICAL: { code: SMS_468123001 }\n");

        assertThat(t.sms(MessageType.CRITICAL)).hasValueSatisfying(l -> {
            assertThat(l.code()).isEqualTo("SMS_468123001");
            assertThat(l.variables()).containsOnlyKeys("name", "details", "event", "code");
        });
        assertThat(t.voice(MessageType.CRITICAL)).isEmpty();
    }

    @Test
    void aSiteMayNameItsVariablesAndAddFixedText() {
        AliyunTemplates t = AliyunTemplates.parse("""
                sms:
                  WELL_CHECK:
                    code: SMS_9
                    variables: { who: "{name}", why: "{reason}" }
                """);

        assertThat(t.sms(MessageType.WELL_CHECK).orElseThrow().fill(PageTemplate.of(MessageType.WELL_CHECK,
                Map.of("name", "王阿婆", "reason", "您家中较长时间没有用水，"))))
                .containsExactly(Map.entry("who", "王阿婆"), Map.entry("why", "您家中较长时间没有用水，"));
    }

    @Test
    void aVariableTooLongWithRealisticFactsIsRefused() {
        assertThatThrownBy(() -> AliyunTemplates.parse("""
                sms:
                  CRITICAL:
                    code: SMS_1
                    variables: { all: "{name}{profile}{place}{event}" }
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sms.CRITICAL.variables.all").hasMessageContaining("1-35");
    }

    @Test
    void aLinkInAVariableIsRefused() {
        assertThatThrownBy(() -> AliyunTemplates.parse("""
                sms:
                  ACK_CONFIRMATION:
                    code: SMS_1
                    variables: { code: "{code} 详见 https://sw.example.cn/i" }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no link");
        assertThatThrownBy(() -> AliyunTemplates.parse("""
                sms:
                  ACK_CONFIRMATION: { code: SMS_1, variables: { code: "{code} shouwang.cn" } }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no link");
    }

    @Test
    void anUnknownFactOrMessageTypeOrKeyIsRefused() {
        assertThatThrownBy(() -> AliyunTemplates.parse("""
                sms:
                  CRITICAL: { code: SMS_1, variables: { who: "{elderName}" } }
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown fact {elderName}");
        assertThatThrownBy(() -> AliyunTemplates.parse("sms:\n  URGENT: { code: SMS_1 }\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sms");
        assertThatThrownBy(() -> AliyunTemplates.parse("sms:\n  CRITICAL: { code: SMS_1, text: x }\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    }

    @Test
    void aTypeWithoutDefaultTextNeedsItsVariablesAndACode() {
        assertThatThrownBy(() -> AliyunTemplates.parse("voice:\n  DUTY_REMINDER: { code: TTS_1 }\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give its variables");
        assertThatThrownBy(() -> AliyunTemplates.parse("sms:\n  CRITICAL: { code: \"SMS 1\" }\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("template code");
    }

    @Test
    void aLongAddressIsCutToTheLimitRatherThanRefusedByTheProvider() {
        TemplateLayout l = AliyunTemplates.parse("sms:\n  CRITICAL: { code: SMS_1 }\n").sms(MessageType.CRITICAL)
                .orElseThrow();

        Map<String, String> v = l.fill(PageTemplate.of(MessageType.CRITICAL, Map.of("name", "王阿婆",
                "place", "平江街道大儒巷社区大儒巷12号院内东侧3幢2单元502室靠近菜场那一侧的楼", "event", "按下一键呼叫",
                "code", "SW00001")));

        assertThat(v.get("details")).hasSize(TemplateLayout.MAX_VARIABLE_LENGTH);
    }
}
