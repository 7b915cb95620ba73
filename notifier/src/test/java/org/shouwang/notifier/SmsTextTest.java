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

class SmsTextTest {

    private static final Elder WANG = new Elder(7, "王阿婆", "320502194001011234", "平江街道", "大儒巷社区", "大儒巷12号",
            "13800000000", true);

    private static Incident incident(Rule rule) {
        return new Incident(1, "SW00001", 7, rule, rule.severity(), IncidentState.OPEN, Instant.EPOCH, null, null,
                null, null, null);
    }

    @Test
    void buttonPressReadsAsAnEmergencyWithPlaceCodeAndHowToAcknowledge() {
        assertThat(SmsText.page(incident(Rule.BUTTON_PRESSED), WANG)).isEqualTo(
                "【守望】紧急求助：王阿婆（平江街道大儒巷12号）按下一键呼叫。事件SW00001，请立即联系或上门。回复1或SW00001表示已接手。");
    }

    @Test
    void pageNamesAgeAndKeyElderStatusFromTheRegistry() {
        ElderProfile keyElder = new ElderProfile(WANG, new ElderFacts(null, null, false, null, null, null), 86,
                KeyElderPolicy.Basis.AGED_80_OR_OVER, List.of(), List.of());
        ElderProfile other = new ElderProfile(WANG, new ElderFacts(null, null, false, null, null, null), 72, null,
                List.of(), List.of());

        assertThat(SmsText.page(incident(Rule.BUTTON_PRESSED), WANG, keyElder))
                .startsWith("【守望】紧急求助：王阿婆（86岁，重点老人，平江街道大儒巷12号）按下一键呼叫。");
        assertThat(SmsText.page(incident(Rule.BUTTON_PRESSED), WANG, other))
                .startsWith("【守望】紧急求助：王阿婆（72岁，平江街道大儒巷12号）");
    }

    @Test
    void noWaterUseNamesTheRuleAndAsksForACheck() {
        assertThat(SmsText.page(incident(Rule.NO_WATER_USE), WANG))
                .startsWith("【守望】异常提醒：王阿婆（平江街道大儒巷12号）长时间未用水。事件SW00001")
                .contains("请尽快联系老人确认安全");
    }

    @Test
    void contactOverdueCaseReadsAsACareReminderNotAsWaterUse() {
        String text = SmsText.page(incident(Rule.CONTACT_OVERDUE), WANG);

        assertThat(text).isEqualTo("【守望】关爱提醒：王阿婆（平江街道大儒巷12号）连续两天未完成每日探访或电话联系。事件SW00001，"
                + "请今日上门或致电，并在平台记录。回复1或SW00001表示已接手。");
        assertThat(text).doesNotContain("用水").hasSizeLessThanOrEqualTo(134);
        assertThat(VoiceText.page(incident(Rule.CONTACT_OVERDUE), WANG)).contains("连续两天没有人探访或电话联系");
    }

    @Test
    void arrivalAnswersNameTheIncident() {
        assertThat(SmsText.arrived("SW00012")).isEqualTo("【守望】已记录到达 SW00012，谢谢。");
        assertThat(SmsText.arrivalUnmatched()).contains("未记录到达");
    }

    @Test
    void addressThatAlreadyNamesTheStreetIsNotDoubled() {
        Elder e = new Elder(7, "李阿公", null, "沧浪街道", "南门社区", "沧浪街道人民路3号", null, true);

        assertThat(SmsText.place(e)).isEqualTo("沧浪街道人民路3号");
    }

    @Test
    void textStaysWithinTwoSmsSegments() {
        // A Chinese SMS segment holds 70 characters (67 when concatenated): two segments at most.
        assertThat(SmsText.page(incident(Rule.BUTTON_PRESSED), WANG)).hasSizeLessThanOrEqualTo(134);
    }

    @Test
    void textCarriesNoIdNumberOrElderPhone() {
        assertThat(SmsText.page(incident(Rule.BUTTON_PRESSED), WANG))
                .doesNotContain(WANG.idNumber()).doesNotContain(WANG.phone());
    }
}
