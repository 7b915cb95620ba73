package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache of active devices: reloads when old, looks an unknown id up once per batch. */
class DeviceDirectoryTest {

    private final Set<String> registry = new HashSet<>(Set.of("m-1"));
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger lookUps = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final DeviceDirectory directory = new DeviceDirectory(
            () -> {
                loads.incrementAndGet();
                return Set.copyOf(registry);
            },
            id -> {
                lookUps.incrementAndGet();
                return registry.contains(id);
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
        registry.add("m-new");

        directory.beginBatch();
        assertThat(directory.isActive("m-new")).isTrue();
        assertThat(directory.isActive("m-new")).isTrue();
        assertThat(lookUps).hasValue(1);
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
