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

    /** A meter reading at {@code at} whose one interval used {@code liters}; 0 L gives no interval at all. */
    static Telemetry reading(String deviceId, String msgId, Instant at, double liters) {
        List<WaterInterval> intervals = liters == 0
                ? List.of()
                : List.of(new WaterInterval(at.minusSeconds(900), at, liters));
        return new Telemetry(deviceId, msgId, at, at, 1000.0 + liters, intervals, 0.0, 90, -80);
    }

    static DeviceEvent button(String deviceId, String msgId, Instant at, DeviceEvent.Action action) {
        return new DeviceEvent(deviceId, msgId, at, at, DeviceEvent.Kind.BUTTON, action, null, 90);
    }
}
