package org.shouwang.model;

/**
 * Event-bus addresses between the parts. Bodies are JSON strings of the named record ({@link Json}),
 * so a part can move to another process without its neighbours changing.
 */
public final class Addresses {

    /** {@link Telemetry}, after it is durable. */
    public static final String TELEMETRY_ACCEPTED = "shouwang.telemetry.accepted";
    /** {@link DeviceEvent}, after it is durable. */
    public static final String EVENT_ACCEPTED = "shouwang.device-event.accepted";
    /** {@link Alert} raised by the rules. */
    public static final String ALERT_RAISED = "shouwang.alert.raised";
    /** {@link IncidentChange} after the notifier changed an incident (console live updates). */
    public static final String INCIDENT_CHANGED = "shouwang.incident.changed";

    private Addresses() {
    }
}
