package org.shouwang.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Chinese wording of alert and clear details, called from the EPL modules; staff read these on the
 * incident timeline, so times are local (Asia/Shanghai) and amounts rounded. Public only because Esper's
 * generated code calls it.
 */
public final class AlertTexts {

    /** Where the elders live: local days and clock times are Asia/Shanghai. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.ROOT).withZone(ZONE);

    private AlertTexts() {
    }

    public static String button(String action, Long tsMs) {
        String what = "LONG_PRESS".equals(action) ? "长按呼叫按钮" : "按下呼叫按钮";
        return tsMs == null ? what : what + "（设备时间 " + time(tsMs) + "）";
    }

    public static String noWaterUse(long sinceMs, long windowMs, double minLiters, boolean extremeWeather) {
        return String.format(Locale.ROOT, "自 %s 起 %s 内用水不足 %s 升%s", time(sinceMs), duration(windowMs),
                number(minLiters), extremeWeather ? "（极端天气模式）" : "");
    }

    public static String waterUsedAgain(long anchorMs) {
        return "已重新用水（" + time(anchorMs) + "）";
    }

    /** A routine break found in a batch of intervals, when it arrived: "上传时（14:00）发现：…". */
    public static String atUpload(long arrivedMs, String why) {
        return "上传时（" + time(arrivedMs) + "）发现：" + why;
    }

    /** An episode ended because staff resolved its incident; the rule watches again from then. */

    public static String resolved(long atMs) {
        return "事件已结案（" + time(atMs) + "），自结案起重新开始监测";
    }

    public static String away() {
        return "老人已登记外出，暂停未用水提醒";
    }

    public static String continuousFlow(long startMs, long endMs, double liters) {
        return String.format(Locale.ROOT, "自 %s 起持续用水已 %s（约 %s 升）", time(startMs), duration(endMs - startMs),
                number(liters));
    }

    public static String flowStopped(long endMs) {
        return "水流已停止（" + time(endMs) + "）";
    }

    public static String highUse(String day, double liters, double limit) {
        return String.format(Locale.ROOT, "%s 用水 %s 升，超过 %s 升", day, number(liters), number(limit));
    }

    public static String normalDay(String day) {
        return day + " 用水已恢复正常";
    }

    public static String meterSilent(long lastHeardMs, long silentAfterMs) {
        return "水表自 " + time(lastHeardMs) + " 起 " + duration(silentAfterMs) + " 无任何上报";
    }

    public static String buttonOffline(long sinceMs) {
        return "呼叫按钮自 " + time(sinceMs) + " 起离线";
    }

    public static String heardAgain() {
        return "设备已恢复上报";
    }

    public static String lowBattery(int percent, int limit) {
        return "电量 " + percent + "%，低于 " + limit + "%";
    }

    public static String batteryReplaced(int percent) {
        return "电量已恢复至 " + percent + "%";
    }

    public static String meterAlarm(String code) {
        return switch (code) {
            case "LEAK" -> "水表报告漏水";
            case "TAMPER" -> "水表报告被拆动";
            case "REVERSE_FLOW" -> "水表报告倒流";
            default -> "水表告警 " + code;
        };
    }

    public static String alarmQuiet() {
        return "该告警已一段时间未再出现";
    }

    static String time(long epochMs) {
        return TIME.format(Instant.ofEpochMilli(epochMs));
    }

    /** {@code 24 小时}, {@code 1 小时 30 分钟}, {@code 45 分钟}, {@code 3 天}. */
    static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days >= 2 && hours == 0 && minutes == 0) {
            return days + " 天";
        }
        long totalHours = d.toHours();
        if (totalHours > 0) {
            return minutes == 0 ? totalHours + " 小时" : totalHours + " 小时 " + minutes + " 分钟";
        }
        return Math.max(minutes, d.toSecondsPart() > 0 ? 1 : 0) + " 分钟";
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
