package org.shouwang.model;

/** The detection rules of the platform with their default severity (DESIGN.md, Rules). */
public enum Rule {
    BUTTON_PRESSED(Severity.CRITICAL, "一键呼叫", true),
    NO_WATER_USE(Severity.HIGH, "长时间未用水", true),
    /**
     * The home has gone without water longer than its own learned routine allows at this time of day (issue 12):
     * found in hours, where NO_WATER_USE (the backstop) takes a day. Its plan calls the elder first.
     */
    ROUTINE_BREAK(Severity.HIGH, "用水习惯异常", true),
    CONTINUOUS_FLOW(Severity.HIGH, "持续用水不止", true),
    HIGH_USE(Severity.MEDIUM, "用水量异常偏高", true),
    DEVICE_SILENT(Severity.TECHNICAL, "设备离线", true),
    LOW_BATTERY(Severity.TECHNICAL, "电量低", true),
    METER_ALARM(Severity.TECHNICAL, "水表告警", true),
    /**
     * A key elder's daily contact duty missed two days running (policy part 二, issue 11): a case for the community
     * worker, raised by the care module for an elder, not by a device and not by the rule engine.
     */
    CONTACT_OVERDUE(Severity.MEDIUM, "关爱联系逾期", false);

    private final Severity severity;
    private final String label;
    private final boolean fromDevice;

    Rule(Severity severity, String label, boolean fromDevice) {
        this.severity = severity;
        this.label = label;
        this.fromDevice = fromDevice;
    }

    public Severity severity() {
        return severity;
    }

    /** The Chinese name staff and SMS recipients read. */
    public String label() {
        return label;
    }

    /**
     * True for the rules the rule engine raises from a device's telemetry or events; false for cases raised about
     * an elder without a device (CONTACT_OVERDUE), whose alerts carry no device id.
     */
    public boolean fromDevice() {
        return fromDevice;
    }
}
