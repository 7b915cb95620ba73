package org.shouwang.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;

/**
 * The thresholds of the rules (DESIGN.md, Rules). At the district, a street or one elder a field left
 * null is not set there and inherits from the level above; the merged, complete set is what a device is
 * judged by. Durations travel as ISO-8601 ({@code PT24H}, {@code PT30M}).
 *
 * @param noWaterWindow        NO_WATER_USE: how long a reporting meter may go without {@code noWaterMinLiters}
 * @param noWaterWindowExtreme the same while extreme-weather mode is on (never longer than {@code noWaterWindow})
 * @param noWaterMinLiters     the least water, in litres, that counts as use within the window
 * @param continuousFlow       CONTINUOUS_FLOW: how long water may run without a pause
 * @param continuousFlowMinLpm the average flow (litres per minute) at which a metering interval counts as running
 * @param highUseLiters        HIGH_USE: the most water a home may use in one calendar day (Asia/Shanghai)
 * @param meterReportInterval  how often a meter reports; DEVICE_SILENT after three intervals without a message
 * @param buttonHeartbeat      DEVICE_SILENT for a call button: how long it may stay offline (its MQTT Will)
 * @param lowBatteryPercent    LOW_BATTERY below this charge; cleared at 10 points above (a new battery)
 * @param meterAlarmQuiet      METER_ALARM: the episode ends when the same alarm has not come again for this long
 * @param routineSensitivity   ROUTINE_BREAK (the learned routine): divides the margin above the longest gaps the
 *                             home showed; 1 as designed, above 1 a narrower margin (fires sooner, never before what
 *                             the home normally shows), below 1 wider; 0 turns the learned rule off for that scope
 * @param routineFloor         ROUTINE_BREAK never fires on a gap shorter than this, whatever the home has shown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleThresholds(
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration noWaterWindow,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration noWaterWindowExtreme,
        Double noWaterMinLiters,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration continuousFlow,
        Double continuousFlowMinLpm,
        Double highUseLiters,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration meterReportInterval,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration buttonHeartbeat,
        Integer lowBatteryPercent,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration meterAlarmQuiet,
        Double routineSensitivity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration routineFloor) {

    /** The JSON names of the fields, in declaration order. */
    public static final List<String> FIELDS = List.of("noWaterWindow", "noWaterWindowExtreme", "noWaterMinLiters",
            "continuousFlow", "continuousFlowMinLpm", "highUseLiters", "meterReportInterval", "buttonHeartbeat",
            "lowBatteryPercent", "meterAlarmQuiet", "routineSensitivity", "routineFloor");

    /** No threshold may make a rule wait longer than this; a typo like P300D is refused. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    /** Nothing set: everything inherits. */
    public static final RuleThresholds NONE = new RuleThresholds(null, null, null, null, null, null, null, null,
            null, null, null, null);

    /**
     * The defaults of DESIGN.md and issue 4: under 10 L in 24 h (12 h in extreme weather), 2 h of running
     * water at 0.5 L/min or more, over 2 m³ in a day, a meter reporting hourly (silent after 3 h), a button
     * offline for 1 h, battery under 20 %, a meter alarm quiet for a day; the learned routine as learned, never
     * on a gap under 3 h (issue 12).
     */
    public static final RuleThresholds DEFAULTS = new RuleThresholds(Duration.ofHours(24), Duration.ofHours(12), 10.0,
            Duration.ofHours(2), 0.5, 2000.0, Duration.ofHours(1), Duration.ofHours(1), 20, Duration.ofDays(1), 1.0,
            Duration.ofHours(3));

    public RuleThresholds {
        Object[] values = {noWaterWindow, noWaterWindowExtreme, noWaterMinLiters, continuousFlow, continuousFlowMinLpm,
            highUseLiters, meterReportInterval, buttonHeartbeat, lowBatteryPercent, meterAlarmQuiet, routineSensitivity,
            routineFloor};
        for (int i = 0; i < values.length; i++) {
            String problem = check(FIELDS.get(i), values[i]);
            if (problem != null) {
                throw new IllegalArgumentException(FIELDS.get(i) + ": " + problem);
            }
        }
    }

    /**
     * Why {@code value} is not acceptable for {@code field}, in Chinese for staff, or null when it is (null
     * values are, as "not set"). Thresholds are checked here so the API and the rules refuse the same values.
     */
    public static String check(String field, Object value) {
        if (value == null) {
            return null;
        }
        switch (field) {
            case "noWaterWindow", "noWaterWindowExtreme", "continuousFlow", "meterReportInterval", "buttonHeartbeat",
                 "meterAlarmQuiet", "routineFloor" -> {
                if (!(value instanceof Duration d) || d.toMinutes() < 1 || d.compareTo(MAX_DURATION) > 0) {
                    return "须为 1 分钟到 30 天之间的 ISO-8601 时长，如 PT24H、PT30M";
                }
                return null;
            }
            case "noWaterMinLiters", "continuousFlowMinLpm", "highUseLiters" -> {
                if (!(value instanceof Double d) || !Double.isFinite(d) || d <= 0 || d > 100_000) {
                    return "须为大于 0、不超过 100000 的数";
                }
                return null;
            }
            case "routineSensitivity" -> {
                if (!(value instanceof Double d) || !Double.isFinite(d) || d < 0 || d > 3) {
                    return "须为 0 到 3 之间的数（1 为按习惯，0 为关闭习惯规则）";
                }
                return null;
            }
            case "lowBatteryPercent" -> {
                if (!(value instanceof Integer p) || p < 1 || p > 90) {
                    return "须为 1 到 90 之间的整数（百分比）";
                }
                return null;
            }
            default -> {
                return "未知的阈值项";
            }
        }
    }

    /** These thresholds with every field that {@code over} sets replaced by its value. */
    public RuleThresholds overlay(RuleThresholds over) {
        if (over == null) {
            return this;
        }
        return new RuleThresholds(
                pick(over.noWaterWindow, noWaterWindow), pick(over.noWaterWindowExtreme, noWaterWindowExtreme),
                pick(over.noWaterMinLiters, noWaterMinLiters), pick(over.continuousFlow, continuousFlow),
                pick(over.continuousFlowMinLpm, continuousFlowMinLpm), pick(over.highUseLiters, highUseLiters),
                pick(over.meterReportInterval, meterReportInterval), pick(over.buttonHeartbeat, buttonHeartbeat),
                pick(over.lowBatteryPercent, lowBatteryPercent), pick(over.meterAlarmQuiet, meterAlarmQuiet),
                pick(over.routineSensitivity, routineSensitivity), pick(over.routineFloor, routineFloor));
    }

    /** True when every field is set, as the merged thresholds a device is judged by must be. */
    @JsonIgnore
    public boolean isComplete() {
        return noWaterWindow != null && noWaterWindowExtreme != null && noWaterMinLiters != null
                && continuousFlow != null && continuousFlowMinLpm != null && highUseLiters != null
                && meterReportInterval != null && buttonHeartbeat != null && lowBatteryPercent != null
                && meterAlarmQuiet != null && routineSensitivity != null && routineFloor != null;
    }

    /** True when no field is set. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    public RuleThresholds withNoWaterWindow(Duration window) {
        return overlay(new RuleThresholds(window, null, null, null, null, null, null, null, null, null, null, null));
    }

    public RuleThresholds withNoWaterWindowExtreme(Duration window) {
        return overlay(new RuleThresholds(null, window, null, null, null, null, null, null, null, null, null, null));
    }

    public RuleThresholds withNoWaterMinLiters(double liters) {
        return overlay(new RuleThresholds(null, null, liters, null, null, null, null, null, null, null, null, null));
    }

    public RuleThresholds withMeterReportInterval(Duration interval) {
        return overlay(new RuleThresholds(null, null, null, null, null, null, interval, null, null, null, null, null));
    }

    public RuleThresholds withRoutineSensitivity(double sensitivity) {
        return overlay(NONE.with("routineSensitivity", sensitivity));
    }

    private RuleThresholds with(String field, Object value) {
        Object[] v = {noWaterWindow, noWaterWindowExtreme, noWaterMinLiters, continuousFlow, continuousFlowMinLpm,
            highUseLiters, meterReportInterval, buttonHeartbeat, lowBatteryPercent, meterAlarmQuiet, routineSensitivity,
            routineFloor};
        v[FIELDS.indexOf(field)] = value;
        return new RuleThresholds((Duration) v[0], (Duration) v[1], (Double) v[2], (Duration) v[3], (Double) v[4],
                (Double) v[5], (Duration) v[6], (Duration) v[7], (Integer) v[8], (Duration) v[9], (Double) v[10],
                (Duration) v[11]);
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
