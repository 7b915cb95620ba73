package org.shouwang.notifier.channel.aliyun;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shouwang.notifier.MessageType;

/**
 * The template texts a site registers with Alibaba Cloud, one per message type and channel, split from the
 * platform's own wording ({@code SmsText}, {@code VoiceText}) into fixed text and {@code ${variables}}, with
 * each variable's default layout from the message's facts. The signature (【守望】) is the SMS sign name, not
 * part of the text. The README lists the same texts; {@code RegisteredTextsTest} proves that each, filled,
 * says exactly what the platform's Twilio text says.
 */
public final class RegisteredTexts {

    /** A template text and the default layout of each of its variables. */
    public record Text(String text, Map<String, String> variables) {
    }

    private static final String DETAILS_SMS = "{profile}{place}";
    private static final String DETAILS_VOICE = "{profile}住在{place}";
    private static final String VOICE_MENU = "事件编号 ${code}。如果您接手处理，请按1；重听请按2。";

    public static final Map<MessageType, Text> SMS = texts(
            MessageType.CRITICAL, smsPage("紧急求助", "请立即联系或上门"),
            MessageType.HIGH, smsPage("异常提醒", "请尽快联系老人确认安全"),
            MessageType.MEDIUM, smsPage("用水提醒", "请方便时联系确认"),
            MessageType.TECHNICAL, smsPage("设备提醒", "请方便时联系确认"),
            MessageType.CARE_OVERDUE, smsPage("关爱提醒", "请今日上门或致电，并在平台记录"),
            MessageType.OUTAGE_CRITICAL, new Text("紧急求助：${name}（${details}）按下一键呼叫，请立即联系或上门。"
                    + "平台暂时中断，恢复后将发送事件编号，届时回复1表示已接手。", vars("name", "{name}", "details", DETAILS_SMS)),
            MessageType.PRESSED_AGAIN, new Text("再次求助：${name}（${details}）再次${event}。事件${code}已由${taker}接手、尚未结案，"
                    + "请立即联系或上门。", vars("name", "{name}", "details", DETAILS_SMS, "event", "{event}", "code", "{code}",
                    "taker", "{taker}")),
            MessageType.WELL_CHECK, new Text("${name}您好：${reason}请回复1告知平安；如需帮助请回复2。",
                    vars("name", "{name}", "reason", "{reason}")),
            MessageType.ACK_CONFIRMATION, new Text("已确认由您接手事件${code}，谢谢。请尽快联系老人或上门查看。",
                    vars("code", "{code}")),
            MessageType.ELDER_WELL, new Text("已收到您平安的回复，谢谢，祝您安康。", vars()),
            MessageType.ELDER_HELP, new Text("已收到，我们马上通知您的照护人员。", vars()),
            MessageType.DUTY_REMINDER, new Text("${task}，完成后回复 ${reply}", vars("task", "{task}", "reply", "{reply}")));

    public static final Map<MessageType, Text> VOICE = texts(
            MessageType.CRITICAL, voicePage("紧急呼叫"),
            MessageType.HIGH, voicePage("异常提醒"),
            MessageType.MEDIUM, voicePage("异常提醒"),
            MessageType.TECHNICAL, voicePage("异常提醒"),
            MessageType.CARE_OVERDUE, voicePage("异常提醒"),
            MessageType.OUTAGE_CRITICAL, new Text("这里是守望平台紧急呼叫。${name}，${details}，按下了一键呼叫。"
                    + "请立即联系老人或上门查看。平台恢复后将发送事件编号。重听请按2。",
                    vars("name", "{name}", "details", DETAILS_VOICE)),
            MessageType.WELL_CHECK, new Text("${name}您好，这里是守望平台。${reason}，想确认您是否安好。"
                    + "如果您平安，请按1；如果需要帮助，请按2。", vars("name", "{name}", "reason", "{reason}")),
            MessageType.ACK_CONFIRMATION, new Text("已确认由您接手，谢谢。请尽快联系老人或上门查看。再见。", vars()),
            MessageType.ELDER_WELL, new Text("好的，已确认您平安，谢谢您，祝您安康。再见。", vars()),
            MessageType.ELDER_HELP, new Text("好的，我们马上通知您的照护人员。请保持电话畅通。", vars()));

    private RegisteredTexts() {
    }

    /** The text with its variables replaced, as the provider would send or say it. */
    public static String render(String text, Map<String, String> values) {
        String out = text;
        for (var v : values.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    private static Text smsPage(String headline, String request) {
        return new Text(headline + "：${name}（${details}）${event}。事件${code}，" + request + "。回复1或${code}表示已接手。",
                vars("name", "{name}", "details", DETAILS_SMS, "event", "{event}", "code", "{code}"));
    }

    private static Text voicePage(String headline) {
        return new Text("这里是守望平台" + headline + "。${name}，${details}，${event}。" + VOICE_MENU,
                vars("name", "{name}", "details", DETAILS_VOICE, "event", "{event}", "code", "{code}"));
    }

    private static Map<String, String> vars(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static Map<MessageType, Text> texts(Object... pairs) {
        Map<MessageType, Text> m = new EnumMap<>(MessageType.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((MessageType) pairs[i], (Text) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
