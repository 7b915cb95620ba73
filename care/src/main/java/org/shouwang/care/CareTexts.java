package org.shouwang.care;

import java.util.List;
import java.util.Map;
import org.shouwang.model.care.DutyRole;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.PageTemplate;

/**
 * The Chinese text of the care SMS, short enough for a lock screen: the duty reminder (what is due and how to
 * reply), the morning digest of overdue duties, and the answers to a reminder's reply. Names of elders only, never
 * a phone, ID number or address.
 */
public final class CareTexts {

    static final String SIGNATURE = "【守望】";
    /** How many elders a digest names before it says "等N位". */
    static final int DIGEST_NAMES = 3;

    private CareTexts() {
    }

    /**
     * The reminder for one duty period, e.g. {@code 【守望】今日请探访或致电王秀英，完成后回复 0} or
     * {@code 【守望】本周请探访或致电王秀英2次（已1次），完成后回复 0}; with several open reminders the recipient
     * is told to answer by number.
     */
    public static String reminder(DutyItem duty, String replyCode, int openReminders) {
        return SIGNATURE + task(duty) + "，完成后回复 " + reply(replyCode, openReminders);
    }

    /**
     * The same reminder as the {@link MessageType#DUTY_REMINDER} template a site registers with a domestic provider
     * ("${task}，完成后回复 ${reply}", the signature being the provider's sign name), filled to say the same words.
     */
    public static PageTemplate reminderTemplate(DutyItem duty, String replyCode, int openReminders) {
        return PageTemplate.of(MessageType.DUTY_REMINDER, Map.of(MessageType.PageFacts.TASK, task(duty),
                MessageType.PageFacts.REPLY, reply(replyCode, openReminders)));
    }

    private static String task(DutyItem duty) {
        String how = duty.role() == DutyRole.HOME_CARE_ORG ? "致电" : "探访或致电";
        return duty.period() == Frequency.Period.DAY
                ? (duty.extremeWeather() ? "极端天气，今日请" : "今日请") + how + duty.elderName()
                        + (duty.required() > 1 ? duty.required() + "次" : "")
                : "本周请" + how + duty.elderName() + duty.required() + "次（已" + duty.done() + "次）";
    }

    private static String reply(String replyCode, int openReminders) {
        return replyCode + (openReminders > 1 ? "（您有" + openReminders + "项提醒，请按编号回复）" : "");
    }

    /** The morning digest to a community worker: overdue duties of the elders they look after. */
    public static String workerDigest(int overdue, List<String> elders) {
        return SIGNATURE + "关爱日报：您联系的老人中有" + overdue + "项探访/电话任务已逾期（" + names(elders)
                + "）。请尽快联系并在平台记录。";
    }

    /** The morning digest to a street office: overdue duties in its street(s). */
    public static String streetDigest(List<String> streets, int overdue, List<String> elders) {
        return SIGNATURE + "关爱日报：" + String.join("、", streets) + "有" + overdue + "项探访/电话任务已逾期，涉及"
                + elders.size() + "位老人（" + names(elders) + "）。详见守望平台逾期清单。";
    }

    /** The answer to a reply that recorded the contact. */
    public static String recorded(String elderName) {
        return SIGNATURE + "已记录：今日已联系" + elderName + "，谢谢";
    }

    /** The answer to a second reply the same day through the same reminder: nothing more is recorded. */
    public static String alreadyRecorded(String elderName) {
        return SIGNATURE + "今日已记录过您对" + elderName + "的联系，本次未重复记录，谢谢";
    }

    /** The answer to a reply code from a number with no open reminder. */
    public static String noOpenReminder() {
        return SIGNATURE + "未找到发给您的待完成关爱提醒，本次回复未记录。如有疑问请联系社区。";
    }

    /** The answer to a code that matches none of the open reminders, listing them by code. */
    public static String unmatched(String code, Map<String, String> openByCode) {
        return SIGNATURE + "未找到编号为" + code + "的提醒，本次回复未记录。" + open(openByCode);
    }

    /** The answer to a text that is no code from a number with open reminders. */
    public static String hint(Map<String, String> openByCode) {
        return SIGNATURE + "未能识别您的回复，未记录。" + open(openByCode);
    }

    /** The answer when the reminder's care contact left the care team meanwhile. */
    public static String contactChanged() {
        return SIGNATURE + "该提醒对应的照护人员已变更，本次回复未记录。如有疑问请联系社区。";
    }

    private static String open(Map<String, String> openByCode) {
        if (openByCode.size() == 1) {
            Map.Entry<String, String> only = openByCode.entrySet().iterator().next();
            return "联系" + only.getValue() + "后请回复 " + only.getKey();
        }
        StringBuilder b = new StringBuilder("您待完成的提醒：");
        openByCode.forEach((code, name) -> b.append(code).append(' ').append(name).append('，'));
        b.setLength(b.length() - 1);
        return b.append("。完成后请回复对应编号").toString();
    }

    /** Up to {@link #DIGEST_NAMES} names, then "等N位". */
    static String names(List<String> elders) {
        List<String> shown = elders.subList(0, Math.min(DIGEST_NAMES, elders.size()));
        return String.join("、", shown) + (elders.size() > DIGEST_NAMES ? "等" + elders.size() + "位" : "");
    }
}
