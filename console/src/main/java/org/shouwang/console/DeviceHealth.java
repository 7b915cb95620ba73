package org.shouwang.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.shouwang.model.DeviceKind;

/**
 * What maintenance should look at on a device, judged from its last known condition. Thresholds follow
 * DESIGN.md's rules: battery under 20 %; silent for longer than a meter's three expected reports or a
 * button's heartbeat (a day, conservatively, for both), or, for a carrier meter with an upload cadence, for its
 * configured number of missed uploads.
 */
enum DeviceHealth {
    INACTIVE("已停用"),
    NEVER_SEEN("从未上报"),
    SILENT("超过 24 小时未上报"),
    MISSED_UPLOADS("多次未按时上传"),
    OFFLINE("离线"),
    LOW_BATTERY("电量低"),
    WEAK_SIGNAL("信号弱");

    static final int LOW_BATTERY_PERCENT = 20;
    /** Below this RSSI (dBm) NB-IoT/LTE-M meters start missing uploads. */
    static final int WEAK_RSSI_DBM = -105;
    static final Duration SILENT_AFTER = Duration.ofHours(24);

    private final String label;

    DeviceHealth(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Every problem of the device, worst first; empty when it is well. */
    static List<DeviceHealth> problems(ConsoleQueries.DeviceRow d, Instant now) {
        List<DeviceHealth> found = new ArrayList<>();
        if (!d.active()) {
            found.add(INACTIVE);
            return found;
        }
        if (d.lastSeenAt() == null) {
            found.add(NEVER_SEEN);
        } else if (d.cadence() != null) {
            if (d.lastSeenAt().isBefore(now.minus(d.cadence().silentAfter()))) {
                found.add(MISSED_UPLOADS);
            }
        } else if (d.lastSeenAt().isBefore(now.minus(SILENT_AFTER))) {
            found.add(SILENT);
        }
        if (Boolean.FALSE.equals(d.online())) {
            found.add(OFFLINE);
        }
        if (d.battery() != null && d.battery() < LOW_BATTERY_PERCENT) {
            found.add(LOW_BATTERY);
        }
        if (d.rssi() != null && d.rssi() < WEAK_RSSI_DBM && d.kind() == DeviceKind.WATER_METER) {
            found.add(WEAK_SIGNAL);
        }
        return found;
    }
}
