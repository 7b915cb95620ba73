package org.shouwang.rules;

import java.time.Instant;
import java.util.List;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/** Builds the accepted records the rules consume, as ingest would publish them. */
final class TestRecords {

    private TestRecords() {
    }

    /** A meter reading at {@code at} whose one 15-minute interval used {@code liters}; 0 L gives no interval at all. */
    static Telemetry reading(String deviceId, String msgId, Instant at, double liters) {
        List<WaterInterval> intervals = liters == 0
                ? List.of()
                : List.of(new WaterInterval(at.minusSeconds(900), at, liters));
        return new Telemetry(deviceId, msgId, at, at, 1000.0 + liters, intervals, 0.0, 90, -80);
    }

    /** A meter reading sent at {@code ts}, arriving at {@code receivedAt}, carrying the given intervals. */
    static Telemetry batch(String deviceId, String msgId, Instant ts, Instant receivedAt, List<WaterInterval> intervals,
                           Integer battery) {
        return new Telemetry(deviceId, msgId, ts, receivedAt, 1000.0, intervals, 0.0, battery, -80);
    }

    static DeviceEvent button(String deviceId, String msgId, Instant at, DeviceEvent.Action action) {
        return new DeviceEvent(deviceId, msgId, at, at, DeviceEvent.Kind.BUTTON, action, null, 90);
    }

    static DeviceEvent alarm(String deviceId, String msgId, Instant at, DeviceEvent.AlarmCode code) {
        return new DeviceEvent(deviceId, msgId, at, at, DeviceEvent.Kind.METER_ALARM, null, code, 80);
    }
}
