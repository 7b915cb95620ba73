package org.shouwang.db;

import java.util.List;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;

/**
 * Everything one ingest batch hands to the database, written in one transaction so that the whole batch
 * can be acknowledged to the broker once it commits.
 *
 * @param telemetry   validated meter readings, possibly repeating a message id
 * @param events      validated device events, possibly repeating a message id
 * @param quarantined refused messages
 * @param statuses    online/offline changes, in arrival order
 */
public record TelemetryBatch(List<Telemetry> telemetry, List<DeviceEvent> events,
                             List<QuarantinedMessage> quarantined, List<StatusChange> statuses) {

    /** A device announced itself online or offline (its retained status or its Will). */
    public record StatusChange(String deviceId, boolean online) {
    }

    public TelemetryBatch {
        telemetry = telemetry == null ? List.of() : List.copyOf(telemetry);
        events = events == null ? List.of() : List.copyOf(events);
        quarantined = quarantined == null ? List.of() : List.copyOf(quarantined);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public static TelemetryBatch of(List<Telemetry> telemetry, List<DeviceEvent> events) {
        return new TelemetryBatch(telemetry, events, List.of(), List.of());
    }

    public boolean isEmpty() {
        return telemetry.isEmpty() && events.isEmpty() && quarantined.isEmpty() && statuses.isEmpty();
    }
}
