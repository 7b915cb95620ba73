package org.shouwang.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which devices are registered and active, cached so that checking a message costs no query. The whole
 * set is reloaded every {@link #REFRESH_EVERY} (so a deactivated device drops out); an id not in the cache
 * is looked up once per batch before its message is refused, so a device registered a moment ago is not
 * quarantined. Used by the writer thread only.
 */
final class DeviceDirectory {

    static final Duration REFRESH_EVERY = Duration.ofSeconds(10);

    private final Supplier<Set<String>> loadAll;
    private final Predicate<String> lookUpOne;
    private final LongSupplier nanoTime;
    private volatile Set<String> active = ConcurrentHashMap.newKeySet();
    private long loadedAt;
    private final Set<String> missesThisBatch = new HashSet<>();

    DeviceDirectory(Supplier<Set<String>> loadAll, Predicate<String> lookUpOne, LongSupplier nanoTime) {
        this.loadAll = loadAll;
        this.lookUpOne = lookUpOne;
        this.nanoTime = nanoTime;
    }

    /** Reloads every active id; throws what the registry throws. */
    void reload() {
        Set<String> fresh = ConcurrentHashMap.newKeySet();
        fresh.addAll(loadAll.get());
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
        if (deviceId == null) {
            return false;
        }
        if (active.contains(deviceId)) {
            return true;
        }
        if (missesThisBatch.contains(deviceId)) {
            return false;
        }
        if (lookUpOne.test(deviceId)) {
            active.add(deviceId);
            return true;
        }
        missesThisBatch.add(deviceId);
        return false;
    }

    int size() {
        return active.size();
    }
}
