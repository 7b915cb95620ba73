package org.shouwang.notifier;

import org.shouwang.model.Elder;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;

/**
 * The Chinese text of a page: who, where, what happened, the incident code, and how to take the case,
 * short enough for a phone's lock screen. For example
 * {@code 【守望】紧急求助：王阿婆（平江街道大儒巷12号）按下一键呼叫。事件SW00001，请立即联系或上门。回复1或SW00001表示已接手。}
 */
public final class SmsText {

    static final String SIGNATURE = "【守望】";

    private SmsText() {
    }

    /** The SMS that pages a care contact about an incident of this elder. */
    public static String page(Incident incident, Elder elder) {
        return page(incident, elder, null);
    }

    /**
     * As {@link #page(Incident, Elder)}, with the registry's facts that tell how urgent a visit is: the
     * elder's age and whether they are a key elder (重点老人), e.g. {@code 王阿婆（86岁，重点老人，平江街道大儒巷12号）}.
     */
    public static String page(Incident incident, Elder elder, ElderProfile profile) {
        return SIGNATURE + headline(incident) + "：" + elder.name() + "（" + facts(profile) + place(elder)
                + "）" + what(incident.rule()) + "。事件" + incident.code() + "，" + request(incident)
                + "。回复1或" + incident.code() + "表示已接手。";
    }

    /**
     * The SMS sent from memory while the platform's database is down: no incident code exists yet and a reply
     * cannot be recorded, so it asks the person to go at once and says the code follows.
     */
    public static String pageDuringOutage(Elder elder, ElderProfile profile) {
        return SIGNATURE + "紧急求助：" + elder.name() + "（" + facts(profile) + place(elder) + "）按下一键呼叫，"
                + "请立即联系或上门。平台暂时中断，恢复后将发送事件编号，届时回复1表示已接手。";
    }

    static String facts(ElderProfile profile) {
        if (profile == null) {
            return "";
        }
        return (profile.age() == null ? "" : profile.age() + "岁，") + (profile.isKeyElder() ? "重点老人，" : "");
    }

    /**
     * The SMS that tells the one who took the case, and the first round, that the elder pressed again, e.g.
     * {@code 【守望】再次求助：王阿婆（平江街道大儒巷12号）再次按下一键呼叫。事件SW00001已由家属联系人 王小明接手、尚未结案，请立即联系或上门。}
     */
    public static String pressedAgain(Incident incident, Elder elder, ElderProfile profile, String takenBy) {
        return SIGNATURE + "再次求助：" + elder.name() + "（" + facts(profile) + place(elder) + "）再次" + what(incident.rule())
                + "。事件" + incident.code() + "已由" + takenBy + "接手、尚未结案，请立即联系或上门。";
    }

    /** The SMS to the elder themself, when a plan texts them: reply 1 if well, 2 for help. */
    public static String wellCheck(Incident incident, Elder elder) {
        return SIGNATURE + elder.name() + "您好：" + why(incident.rule()) + "请回复1告知平安；如需帮助请回复2。";
    }

    /** Why the elder is texted, with its comma: {@code 您家中较长时间没有用水，}. */
    static String why(Rule rule) {
        return switch (rule) {
            case NO_WATER_USE -> "您家中较长时间没有用水，";
            case ROUTINE_BREAK -> "您家中今天用水和平时不一样，";
            case CONTACT_OVERDUE -> "这两天还没有人与您联系，";
            default -> "您家中设备发出提醒，";
        };
    }

    /** The answer to a reply that took the case. */
    static String takenByYou(String code) {
        return SIGNATURE + "已确认由您接手事件" + code + "，谢谢。请尽快联系老人或上门查看。";
    }

    /** The answer to a reply for a case someone else already took or closed. */
    static String takenAlready(String code) {
        return SIGNATURE + "事件" + code + "已有人接手或已处理，谢谢。";
    }

    /** The answer to the elder confirming they are well. */
    static String elderWell() {
        return SIGNATURE + "已收到您平安的回复，谢谢，祝您安康。";
    }

    /** The answer to the elder asking for help. */
    static String elderHelp() {
        return SIGNATURE + "已收到，我们马上通知您的照护人员。";
    }

    /** The answer to a reply that matches no page sent to that number. */
    static String notUnderstood() {
        return SIGNATURE + "未找到需要您处理的事件。接手请回复1或事件编号（如SW00001）。";
    }

    /** The answer to "到": the arrival at the door is on the incident's timeline. */
    static String arrived(String code) {
        return SIGNATURE + "已记录到达 " + code + "，谢谢。";
    }

    /** The answer to "到" for an incident closed meanwhile. */
    static String arrivalClosed(String code) {
        return SIGNATURE + "事件" + code + "已结案，未记录到达。";
    }

    /** The answer to "到" from a number paged for no unresolved incident (or not for the one named). */
    static String arrivalUnmatched() {
        return SIGNATURE + "未找到通知过您的未结事件，未记录到达。请回复“到”加事件编号（如：到 SW00001）。";
    }

    /** The street is part of the address people know ("平江街道大儒巷12号"), unless the address has it already. */
    static String place(Elder elder) {
        String address = elder.address() == null ? "" : elder.address().strip();
        String street = elder.street() == null ? "" : elder.street().strip();
        return address.startsWith(street) ? address : street + address;
    }

    private static String headline(Incident incident) {
        if (incident.rule() == Rule.CONTACT_OVERDUE) {
            return "关爱提醒";
        }
        return switch (incident.severity()) {
            case CRITICAL -> "紧急求助";
            case HIGH -> "异常提醒";
            case MEDIUM -> "用水提醒";
            case TECHNICAL -> "设备提醒";
        };
    }

    static String what(Rule rule) {
        return switch (rule) {
            case BUTTON_PRESSED -> "按下" + rule.label();
            case CONTACT_OVERDUE -> "连续两天未完成每日探访或电话联系";
            default -> rule.label();
        };
    }

    private static String request(Incident incident) {
        if (incident.rule() == Rule.CONTACT_OVERDUE) {
            return "请今日上门或致电，并在平台记录";
        }
        return switch (incident.severity()) {
            case CRITICAL -> "请立即联系或上门";
            case HIGH -> "请尽快联系老人确认安全";
            case MEDIUM, TECHNICAL -> "请方便时联系确认";
        };
    }
}
