package org.shouwang.notifier;

import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;

/**
 * What calls say, in Chinese: the page to a care contact (who, where, what, the incident code digit by
 * digit, press 1 to take it), the elder's well-check (press 1 if well, 2 for help), and the answers to a
 * key press.
 */
public final class VoiceText {

    static final String NO_KEY_CONTACT = "未收到按键，我们将继续通知其他人员。再见。";
    static final String NO_KEY_ELDER = "未收到按键，我们将请您的照护人员与您联系。再见。";
    static final String TAKEN_BY_YOU = "已确认由您接手，谢谢。请尽快联系老人或上门查看。再见。";
    static final String TAKEN_ALREADY = "该事件已有人接手或已处理，谢谢。再见。";
    static final String ELDER_WELL = "好的，已确认您平安，谢谢您，祝您安康。再见。";
    static final String ELDER_HELP = "好的，我们马上通知您的照护人员。请保持电话畅通。";
    static final String UNKNOWN_KEY = "未能识别您的按键。再见。";

    private VoiceText() {
    }

    /** The call to a care contact: what happened to whom, where, and how to take the case. */
    public static String page(Incident incident, Elder elder) {
        return page(incident, elder, null);
    }

    /**
     * As {@link #page(Incident, Elder)}, with the facts that tell how urgent a visit is, as the SMS has them:
     * {@code 王阿婆，86岁，重点老人，住在平江街道大儒巷12号，…}.
     */
    public static String page(Incident incident, Elder elder, ElderProfile profile) {
        return "这里是守望平台" + (incident.rule() == Rule.BUTTON_PRESSED ? "紧急呼叫" : "异常提醒") + "。"
                + elder.name() + "，" + SmsText.facts(profile) + "住在" + SmsText.place(elder) + "，"
                + what(incident.rule()) + "。事件编号 " + spelled(incident.code()) + "。如果您接手处理，请按1。";
    }

    /**
     * The call placed from memory while the platform's database is down: there is no incident code yet and no
     * key press can be recorded, so it asks the person to go, and says the case follows by SMS.
     */
    public static String pageDuringOutage(Elder elder, ElderProfile profile) {
        return "这里是守望平台紧急呼叫。" + elder.name() + "，" + SmsText.facts(profile) + "住在" + SmsText.place(elder)
                + "，按下了一键呼叫。请立即联系老人或上门查看。平台恢复后将发送事件编号。";
    }

    /** The call to the elder themself. */
    public static String wellCheck(Incident incident, Elder elder) {
        return elder.name() + "您好，这里是守望平台。" + reason(incident.rule()) + "，想确认您是否安好。"
                + "如果您平安，请按1；如果需要帮助，请按2。";
    }

    static String what(Rule rule) {
        return switch (rule) {
            case BUTTON_PRESSED -> "按下了一键呼叫";
            case CONTACT_OVERDUE -> "连续两天没有人探访或电话联系";
            default -> "出现" + rule.label();
        };
    }

    static String reason(Rule rule) {
        return switch (rule) {
            case NO_WATER_USE -> "我们发现您家中较长时间没有用水";
            case ROUTINE_BREAK -> "我们发现您家中今天到现在还没有像平时一样用水";
            case CONTINUOUS_FLOW -> "我们发现您家中用水长时间没有停止";
            case CONTACT_OVERDUE -> "这两天还没有人与您联系";
            default -> "我们收到了您家中设备的提醒";
        };
    }

    /** "SW00012" read out one character at a time, so the speech engine does not say "一万二". */
    static String spelled(String code) {
        return String.join(" ", code.split(""));
    }
}
