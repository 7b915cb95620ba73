package org.shouwang.model;

/** The detection rules of the platform with their default severity (DESIGN.md, Rules). */
public enum Rule {
    BUTTON_PRESSED(Severity.CRITICAL, "一键呼叫"),
    NO_WATER_USE(Severity.HIGH, "长时间未用水"),
    CONTINUOUS_FLOW(Severity.HIGH, "持续用水不止"),
    HIGH_USE(Severity.MEDIUM, "用水量异常偏高"),
    DEVICE_SILENT(Severity.TECHNICAL, "设备离线"),
    LOW_BATTERY(Severity.TECHNICAL, "电量低"),
    METER_ALARM(Severity.TECHNICAL, "水表告警");

    private final Severity severity;
    private final String label;

    Rule(Severity severity, String label) {
        this.severity = severity;
        this.label = label;
    }

    public Severity severity() {
        return severity;
    }

    /** The Chinese name staff and SMS recipients read. */
    public String label() {
        return label;
    }
}
