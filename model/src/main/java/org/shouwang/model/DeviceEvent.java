package org.shouwang.model;

import java.time.Instant;

/**
 * A validated device event ({@code shouwang/v1/{deviceId}/event}): a button press or a meter alarm.
 * {@code action} is set for buttons, {@code code} for meter alarms.
 */
public record DeviceEvent(
        String deviceId,
        String msgId,
        Instant ts,
        Instant receivedAt,
        Kind kind,
        Action action,
        AlarmCode code,
        Integer battery) {

    /** What kind of event the device reports. */
    public enum Kind { BUTTON, METER_ALARM }

    /** What the elder did with the button. */
    public enum Action { PRESS, LONG_PRESS, CANCEL }

    /** What the meter noticed. */
    public enum AlarmCode { LEAK, TAMPER, REVERSE_FLOW }
}
