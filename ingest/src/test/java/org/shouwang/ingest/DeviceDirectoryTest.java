package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceKind;

/** The cache of active devices: reloads when old, looks an unknown id up once per batch. */
class DeviceDirectoryTest {

    private final Map<String, DeviceKind> registry = new HashMap<>(Map.of("m-1", DeviceKind.WATER_METER));
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger lookUps = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final DeviceDirectory directory = new DeviceDirectory(
            () -> {
                loads.incrementAndGet();
                return Map.copyOf(registry);
            },
            id -> {
                lookUps.incrementAndGet();
                return Optional.ofNullable(registry.get(id));
            },
            nanos::get);

    @Test
    void aKnownDeviceCostsNoQuery() {
        directory.reload();

        assertThat(directory.isActive("m-1")).isTrue();
        assertThat(lookUps).hasValue(0);
    }

    @Test
    void aDeviceRegisteredAfterTheLastReloadIsFoundByItsLookUp() {
        directory.reload();
        registry.put("m-new", DeviceKind.CALL_BUTTON);

        directory.beginBatch();
        assertThat(directory.isActive("m-new")).isTrue();
        assertThat(directory.isActive("m-new")).isTrue();
        assertThat(directory.kindOf("m-new")).contains(DeviceKind.CALL_BUTTON);
        assertThat(lookUps).hasValue(1);
    }

    @Test
    void knowsTheKindOfEachDeviceSoAMeterCannotSpeakAsAButton() {
        directory.reload();

        assertThat(directory.kindOf("m-1")).contains(DeviceKind.WATER_METER);
        assertThat(directory.kindOf("ghost")).isEmpty();
    }

    @Test
    void anIdThatCouldNotBeQueriedIsNeverLookedUp() {
        directory.reload();

        assertThat(directory.isActive("m-1\0")).isFalse();
        assertThat(lookUps).hasValue(0);
    }

    @Test
    void anUnknownDeviceIsLookedUpOncePerBatch() {
        directory.reload();

        directory.beginBatch();
        assertThat(directory.isActive("ghost")).isFalse();
        assertThat(directory.isActive("ghost")).isFalse();
        directory.beginBatch();
        assertThat(directory.isActive("ghost")).isFalse();

        assertThat(lookUps).hasValue(2);
    }

    @Test
    void theWholeSetIsReloadedWhenOlderThanTheRefreshPeriodSoRemovalsTakeEffect() {
        directory.reload();
        registry.remove("m-1");

        directory.beginBatch();
        assertThat(loads).hasValue(1);
        nanos.addAndGet(DeviceDirectory.REFRESH_EVERY.toNanos());
        directory.beginBatch();

        assertThat(loads).hasValue(2);
        assertThat(directory.isActive("m-1")).isFalse();
    }
}
