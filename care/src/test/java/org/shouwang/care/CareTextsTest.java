package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouwang.model.care.DutyRole;

class CareTextsTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private static DutyItem duty(DutyRole role, Frequency.Period period, int required, int done, boolean extreme) {
        LocalDate end = period == Frequency.Period.DAY ? MONDAY : MONDAY.plusDays(6);
        return new DutyItem(1, "王秀英", "平江街道", "大儒巷社区", role, 2L, "李四", period, MONDAY, end, required, done,
                DutyState.DUE, extreme, true);
    }

    @Test
    void dailyReminderSaysTodayWhomAndHowToReply() {
        assertThat(CareTexts.reminder(duty(DutyRole.NEIGHBOUR_VOLUNTEER, Frequency.Period.DAY, 1, 0, false), "0", 1))
                .isEqualTo("【守望】今日请探访或致电王秀英，完成后回复 0");
    }

    @Test
    void weeklyReminderSaysHowManyAndHowManyDone() {
        assertThat(CareTexts.reminder(duty(DutyRole.COMMUNITY_WORKER, Frequency.Period.WEEK, 2, 1, false), "0", 1))
                .isEqualTo("【守望】本周请探访或致电王秀英2次（已1次），完成后回复 0");
    }

    @Test
    void homeCareOrganisationIsAskedToCallAndExtremeWeatherIsNamed() {
        assertThat(CareTexts.reminder(duty(DutyRole.HOME_CARE_ORG, Frequency.Period.WEEK, 2, 0, false), "0", 1))
                .startsWith("【守望】本周请致电王秀英2次");
        assertThat(CareTexts.reminder(duty(DutyRole.COMMUNITY_WORKER, Frequency.Period.DAY, 1, 0, true), "0", 1))
                .startsWith("【守望】极端天气，今日请探访或致电王秀英");
    }

    @Test
    void oneOfSeveralRemindersNamesItsCodeAndSaysThereAreSeveral() {
        assertThat(CareTexts.reminder(duty(DutyRole.NEIGHBOUR_VOLUNTEER, Frequency.Period.DAY, 1, 0, false), "02", 3))
                .isEqualTo("【守望】今日请探访或致电王秀英，完成后回复 02（您有3项提醒，请按编号回复）");
    }

    @Test
    void theRegisteredReminderTemplateFilledSaysWhatTheFreeTextSays() {
        String template = org.shouwang.notifier.channel.aliyun.RegisteredTexts.SMS
                .get(org.shouwang.notifier.MessageType.DUTY_REMINDER).text();
        for (DutyItem d : List.of(duty(DutyRole.NEIGHBOUR_VOLUNTEER, Frequency.Period.DAY, 1, 0, false),
                duty(DutyRole.COMMUNITY_WORKER, Frequency.Period.WEEK, 2, 1, false),
                duty(DutyRole.COMMUNITY_WORKER, Frequency.Period.DAY, 2, 0, true))) {
            for (int open : new int[] {1, 3}) {
                String code = open == 1 ? "0" : "02";
                org.shouwang.notifier.PageTemplate filled = CareTexts.reminderTemplate(d, code, open);

                // The signature 【守望】 is the provider's sign name, not part of the template.
                assertThat(CareTexts.SIGNATURE + org.shouwang.notifier.channel.aliyun.RegisteredTexts.render(template,
                        filled.facts())).isEqualTo(CareTexts.reminder(d, code, open));
                filled.facts().values().forEach(v -> assertThat(v.codePointCount(0, v.length())).isLessThanOrEqualTo(35));
            }
        }
    }

    @Test
    void digestNamesUpToThreeEldersThenCountsThem() {
        assertThat(CareTexts.names(List.of("王秀英", "李桂兰"))).isEqualTo("王秀英、李桂兰");
        assertThat(CareTexts.names(List.of("王秀英", "李桂兰", "张阿婆", "陈阿公", "周阿婆")))
                .isEqualTo("王秀英、李桂兰、张阿婆等5位");
    }

    @Test
    void unmatchedAnswerListsTheOpenCodes() {
        Map<String, String> open = new LinkedHashMap<>();
        open.put("01", "王秀英");
        open.put("02", "李桂兰");

        assertThat(CareTexts.unmatched("05", open))
                .isEqualTo("【守望】未找到编号为05的提醒，本次回复未记录。您待完成的提醒：01 王秀英，02 李桂兰。完成后请回复对应编号");
    }

    @Test
    void everyTextFitsTwoSmsSegments() {
        Map<String, String> open = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            open.put("0" + i, "欧阳秀英");
        }
        assertThat(CareTexts.unmatched("05", open)).hasSizeLessThanOrEqualTo(134);
        assertThat(CareTexts.streetDigest(List.of("平江街道"), 120, List.of("欧阳秀英", "欧阳桂兰", "欧阳阿婆", "陈")))
                .hasSizeLessThanOrEqualTo(134);
    }
}
