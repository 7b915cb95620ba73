package org.shouwang.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceKind;

/** What the maintenance list flags on a device. */
class DeviceHealthTest {

    private static final Instant NOW = Instant.parse("2026-01-20T02:00:00Z");

    private static ConsoleQueries.DeviceRow device(boolean active, Instant lastSeen, Integer battery, Integer rssi,
                                                   Boolean online) {
        return new ConsoleQueries.DeviceRow("wm-1", DeviceKind.WATER_METER, 5, active, NOW.minus(Duration.ofDays(30)),
                lastSeen, battery, rssi, online, "张桂英", "平江街道", "大儒巷社区");
    }

    @Test
    void healthyDeviceHasNoProblems() {
        assertThat(DeviceHealth.problems(device(true, NOW.minusSeconds(600), 80, -80, true), NOW)).isEmpty();
    }

    @Test
    void silentLowAndWeakDeviceHasEachProblemListed() {
        assertThat(DeviceHealth.problems(device(true, NOW.minus(Duration.ofHours(25)), 19, -110, false), NOW))
                .containsExactly(DeviceHealth.SILENT, DeviceHealth.OFFLINE, DeviceHealth.LOW_BATTERY,
                        DeviceHealth.WEAK_SIGNAL);
        assertThat(DeviceHealth.problems(device(true, null, null, null, null), NOW)).containsExactly(DeviceHealth.NEVER_SEEN);
        assertThat(DeviceHealth.problems(device(false, null, 5, null, false), NOW)).containsExactly(DeviceHealth.INACTIVE);
    }
}
