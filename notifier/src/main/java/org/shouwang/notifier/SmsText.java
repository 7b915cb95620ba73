package org.shouwang.notifier;

import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;

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
        return SIGNATURE + headline(incident.severity()) + "：" + elder.name() + "（" + place(elder) + "）"
                + what(incident.rule()) + "。事件" + incident.code() + "，" + request(incident.severity())
                + "。回复1或" + incident.code() + "表示已接手。";
    }

    /** The street is part of the address people know ("平江街道大儒巷12号"), unless the address has it already. */
    static String place(Elder elder) {
        String address = elder.address() == null ? "" : elder.address().strip();
        String street = elder.street() == null ? "" : elder.street().strip();
        return address.startsWith(street) ? address : street + address;
    }

    private static String headline(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "紧急求助";
            case HIGH -> "异常提醒";
            case MEDIUM -> "用水提醒";
            case TECHNICAL -> "设备提醒";
        };
    }

    private static String what(Rule rule) {
        return rule == Rule.BUTTON_PRESSED ? "按下" + rule.label() : rule.label();
    }

    private static String request(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "请立即联系或上门";
            case HIGH -> "请尽快联系老人确认安全";
            case MEDIUM, TECHNICAL -> "请方便时联系确认";
        };
    }
}
