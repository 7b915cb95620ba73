package org.shouwang.sim;

import java.time.Instant;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;

/** One message a scenario's device sends, at its arrival time: either telemetry or a device event. */
public record SimulatedMessage(Instant at, Telemetry telemetry, DeviceEvent event) {

    static SimulatedMessage of(Telemetry t) {
        return new SimulatedMessage(t.receivedAt(), t, null);
    }

    static SimulatedMessage of(DeviceEvent e) {
        return new SimulatedMessage(e.receivedAt(), null, e);
    }

    public String deviceId() {
        return telemetry != null ? telemetry.deviceId() : event.deviceId();
    }

    void deliverTo(ScenarioSink sink) {
        if (telemetry != null) {
            sink.telemetry(telemetry);
        } else {
            sink.event(event);
        }
    }
}
