package org.shouwang.db;

import java.util.List;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;

/**
 * What a committed batch added: only the messages seen for the first time, in batch order. Everything
 * else was a duplicate (a QoS 1 redelivery or a device resending) and changed nothing.
 */
public record TelemetryWriteResult(List<Telemetry> newTelemetry, List<DeviceEvent> newEvents, int duplicates) {

    public TelemetryWriteResult {
        newTelemetry = List.copyOf(newTelemetry);
        newEvents = List.copyOf(newEvents);
    }

    public int accepted() {
        return newTelemetry.size() + newEvents.size();
    }
}
