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
    /**
     * {@link Alert} whose condition cleared (water used again, flow stopped), published by the rules: the
     * notifier stops the escalation of that device's elder and rule if its plan stops on clearing.
     * {@code alertId} may be the id of the alert that raised it or a new one; {@code rule} and
     * {@code deviceId} are what match.
     */
    public static final String ALERT_CLEARED = "shouwang.alert.cleared";
    /** {@link IncidentChange} after the notifier changed an incident (console live updates). */
    public static final String INCIDENT_CHANGED = "shouwang.incident.changed";
    /** {@link DeviceStatus} (online/offline, the device's Will) after ingest recorded it. */
    public static final String STATUS_ACCEPTED = "shouwang.device-status.accepted";
    /**
     * Thresholds, extreme-weather mode or absences changed in the database; the body is a short JSON note
     * ({@code {"what":"weather"}}). The rules reload their context, so changes apply without a restart.
     */
    public static final String RULES_CHANGED = "shouwang.rules.changed";

    /**
     * Carrier-platform pushes wait undecoded in the inbox (one was just committed, or a binding requeued an
     * identity's parked pushes); the body is a short JSON note. The carrier decoder wakes up and decodes them.
     */
    public static final String CARRIER_INBOX_PENDING = "shouwang.carrier.inbox.pending";

    private Addresses() {
    }
}
