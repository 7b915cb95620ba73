package org.shouwang.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.KeyElderPolicy;
import org.shouwang.model.Rule;

class VoiceTextTest {

    private static final Elder WANG = new Elder(7, "王阿婆", "320502194001011234", "平江街道", "大儒巷社区", "大儒巷12号",
            "13800000000", true);

    private static Incident incident(Rule rule) {
        return new Incident(1, "SW00001", 7, rule, rule.severity(), IncidentState.OPEN, Instant.EPOCH, null, null,
                null, null, null);
    }

    private static ElderProfile profile(Integer age, KeyElderPolicy.Basis basis) {
        return new ElderProfile(WANG, new ElderFacts(null, null, false, null, null, null), age, basis, List.of(),
                List.of());
    }

    @Test
    void callSaysWhoWhereWhatTheCodeSpelledAndPressOne() {
        assertThat(VoiceText.page(incident(Rule.BUTTON_PRESSED), WANG)).isEqualTo(
                "这里是守望平台紧急呼叫。王阿婆，住在平江街道大儒巷12号，按下了一键呼叫。事件编号 S W 0 0 0 0 1。如果您接手处理，请按1。");
    }

    @Test
    void callNamesAgeAndKeyElderStatusFromTheRegistry() {
        assertThat(VoiceText.page(incident(Rule.BUTTON_PRESSED), WANG,
                profile(86, KeyElderPolicy.Basis.AGED_80_OR_OVER)))
                .startsWith("这里是守望平台紧急呼叫。王阿婆，86岁，重点老人，住在平江街道大儒巷12号，按下了一键呼叫。");
        assertThat(VoiceText.page(incident(Rule.NO_WATER_USE), WANG, profile(72, null)))
                .startsWith("这里是守望平台异常提醒。王阿婆，72岁，住在平江街道大儒巷12号，出现长时间未用水。");
    }

    @Test
    void callWithoutKnownAgeSaysOnlyWhatIsKnown() {
        assertThat(VoiceText.page(incident(Rule.BUTTON_PRESSED), WANG, profile(null, KeyElderPolicy.Basis.AGED_80_OR_OVER)))
                .startsWith("这里是守望平台紧急呼叫。王阿婆，重点老人，住在");
        assertThat(VoiceText.page(incident(Rule.BUTTON_PRESSED), WANG, null))
                .isEqualTo(VoiceText.page(incident(Rule.BUTTON_PRESSED), WANG));
    }

    @Test
    void callCarriesNoIdNumberOrElderPhone() {
        assertThat(VoiceText.page(incident(Rule.BUTTON_PRESSED), WANG, profile(86, KeyElderPolicy.Basis.AGED_80_OR_OVER)))
                .doesNotContain(WANG.idNumber()).doesNotContain(WANG.phone());
    }
}
