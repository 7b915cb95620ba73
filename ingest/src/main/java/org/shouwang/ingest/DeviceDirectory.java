package org.shouwang.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.SafeText;

/**
 * Which devices are registered and active, and of what kind, cached so that checking a message costs no
 * query. The whole map is reloaded every {@link #REFRESH_EVERY} (so a deactivated device drops out); an id not
 * in the cache is looked up once per batch before its message is refused, so a device registered a moment ago
 * is not quarantined. Used by the writer thread only.
 */
final class DeviceDirectory {

    static final Duration REFRESH_EVERY = Duration.ofSeconds(10);

    private final Supplier<Map<String, DeviceKind>> loadAll;
    private final Function<String, Optional<DeviceKind>> lookUpOne;
    private final LongSupplier nanoTime;
    private volatile Map<String, DeviceKind> active = new ConcurrentHashMap<>();
    private long loadedAt;
    private final Set<String> missesThisBatch = new HashSet<>();

    /**
     * @param loadAll   every active device and its kind
     * @param lookUpOne the kind of one device if it is registered and active
     */
    DeviceDirectory(Supplier<Map<String, DeviceKind>> loadAll, Function<String, Optional<DeviceKind>> lookUpOne,
                    LongSupplier nanoTime) {
        this.loadAll = loadAll;
        this.lookUpOne = lookUpOne;
        this.nanoTime = nanoTime;
    }

    /** Reloads every active id; throws what the registry throws. */
    void reload() {
        Map<String, DeviceKind> fresh = new ConcurrentHashMap<>(loadAll.get());
        active = fresh;
        loadedAt = nanoTime.getAsLong();
    }

    /** Called at the start of each batch: reloads when the cache is old, forgets the last batch's misses. */
    void beginBatch() {
        missesThisBatch.clear();
        if (nanoTime.getAsLong() - loadedAt >= REFRESH_EVERY.toNanos()) {
            reload();
        }
    }

    boolean isActive(String deviceId) {
        return kindOf(deviceId).isPresent();
    }

    /** The kind of an active device; empty when it is not registered or not active. */
    Optional<DeviceKind> kindOf(String deviceId) {
        if (deviceId == null || SafeText.unstorable(deviceId)) {
            return Optional.empty();
        }
        DeviceKind known = active.get(deviceId);
        if (known != null) {
            return Optional.of(known);
        }
        if (missesThisBatch.contains(deviceId)) {
            return Optional.empty();
        }
        Optional<DeviceKind> found = lookUpOne.apply(deviceId);
        found.ifPresentOrElse(kind -> active.put(deviceId, kind), () -> missesThisBatch.add(deviceId));
        return found;
    }

    /** The kind of a device as far as the cache knows, without asking the registry. */
    Optional<DeviceKind> cachedKindOf(String deviceId) {
        return deviceId == null ? Optional.empty() : Optional.ofNullable(active.get(deviceId));
    }

    int size() {
        return active.size();
    }
}
