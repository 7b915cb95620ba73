package org.shouwang.notifier.channel.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.KeyElderPolicy;
import org.shouwang.model.Rule;
import org.shouwang.notifier.PageTemplate;
import org.shouwang.notifier.PageTemplates;
import org.shouwang.notifier.SmsText;
import org.shouwang.notifier.VoiceText;

/** The texts a site registers with Alibaba Cloud say, once filled, what the platform's own texts say. */
class RegisteredTextsTest {

    private static final Elder WANG = new Elder(7, "王阿婆", "320502194001011234", "平江街道", "大儒巷社区", "大儒巷12号",
            "13800000000", true);
    private static final ElderProfile KEY_ELDER = new ElderProfile(WANG, new ElderFacts(null, null, false, null, null,
            null), 86, KeyElderPolicy.Basis.AGED_80_OR_OVER, List.of(), List.of());

    private static Incident incident(Rule rule) {
        return new Incident(1, "SW00001", 7, rule, rule.severity(), IncidentState.OPEN, Instant.EPOCH, null, null,
                null, null, null);
    }

    private static String filled(RegisteredTexts.Text text, PageTemplate template) {
        return RegisteredTexts.render(text.text(), new TemplateLayout("X_1", text.variables()).fill(template));
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void theSmsPageTemplateFilledIsTheTwilioTextWithoutItsSignature(Rule rule) {
        for (ElderProfile profile : new ElderProfile[] {null, KEY_ELDER}) {
            PageTemplate t = PageTemplates.page(incident(rule), WANG, profile, NotificationChannel.SMS);

            assertThat("【守望】" + filled(RegisteredTexts.SMS.get(t.type()), t))
                    .isEqualTo(SmsText.page(incident(rule), WANG, profile));
        }
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void theVoicePageTemplateFilledIsTheTwilioCallWithKey2ToHearItAgain(Rule rule) {
        for (ElderProfile profile : new ElderProfile[] {null, KEY_ELDER}) {
            PageTemplate t = PageTemplates.page(incident(rule), WANG, profile, NotificationChannel.VOICE);
            String twilio = VoiceText.page(incident(rule), WANG, profile);

            // A non-button incident of critical severity (a site's override) is read as 紧急呼叫 here, 异常提醒 there.
            if (rule == Rule.BUTTON_PRESSED || rule.severity() != org.shouwang.model.Severity.CRITICAL) {
                assertThat(filled(RegisteredTexts.VOICE.get(t.type()), t))
                        .isEqualTo(twilio.replace("请按1。", "请按1；重听请按2。"));
            }
        }
    }

    @Test
    void thePressedAgainTemplateFilledIsTheTwilioText() {
        PageTemplate t = PageTemplates.pressedAgain(incident(Rule.BUTTON_PRESSED), WANG, KEY_ELDER, "家属联系人 王小明");

        assertThat("【守望】" + filled(RegisteredTexts.SMS.get(t.type()), t))
                .isEqualTo(SmsText.pressedAgain(incident(Rule.BUTTON_PRESSED), WANG, KEY_ELDER, "家属联系人 王小明"));
    }

    @Test
    void theOutageTemplatesFilledAreWhatThePagerFromMemorySays() {
        for (ElderProfile profile : new ElderProfile[] {null, KEY_ELDER}) {
            PageTemplate t = PageTemplates.outage(WANG, profile);

            assertThat("【守望】" + filled(RegisteredTexts.SMS.get(t.type()), t))
                    .isEqualTo(SmsText.pageDuringOutage(WANG, profile));
            assertThat(filled(RegisteredTexts.VOICE.get(t.type()), t))
                    .isEqualTo(VoiceText.pageDuringOutage(WANG, profile) + "重听请按2。");
        }
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void theWellCheckTemplatesFilledAreTheTwilioWellChecks(Rule rule) {
        PageTemplate sms = PageTemplates.wellCheck(incident(rule), WANG, NotificationChannel.SMS);
        PageTemplate voice = PageTemplates.wellCheck(incident(rule), WANG, NotificationChannel.VOICE);

        assertThat("【守望】" + filled(RegisteredTexts.SMS.get(sms.type()), sms))
                .isEqualTo(SmsText.wellCheck(incident(rule), WANG));
        assertThat(filled(RegisteredTexts.VOICE.get(voice.type()), voice))
                .isEqualTo(VoiceText.wellCheck(incident(rule), WANG));
    }

    @Test
    void aStoredTemplateReadsBackTheSame() {
        PageTemplate t = PageTemplates.page(incident(Rule.BUTTON_PRESSED), WANG, KEY_ELDER, NotificationChannel.SMS);

        assertThat(PageTemplates.fromJson(PageTemplates.toJson(t))).isEqualTo(t);
        assertThat(PageTemplates.fromJson("{\"type\":\"FROM_A_NEWER_VERSION\",\"facts\":{}}")).isNull();
        assertThat(PageTemplates.fromJson(null)).isNull();
    }

    @Test
    void everyDefaultLayoutPassesTheStartUpCheck() {
        RegisteredTexts.SMS.forEach((type, text) -> new TemplateLayout("SMS_1", text.variables()).check(type, "sms"));
        RegisteredTexts.VOICE.forEach((type, text) -> new TemplateLayout("TTS_1", text.variables()).check(type, "voice"));
    }
}
