package org.shouwang.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.shouwang.model.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an operator at info level that messages are being quarantined, with counts by reason, at most once per
 * {@link #EVERY_NANOS}: a flood of bad messages must not flood the log, and one bad message must not go unseen.
 * The message's detail stays at debug (it quotes device data).
 */
final class RejectionLog {

    static final long EVERY_NANOS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);

    private final LongSupplier nanoTime;
    private final Map<RejectReason, Integer> pending = new EnumMap<>(RejectReason.class);
    private long lastLogged;
    private boolean logged;

    RejectionLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts one quarantined message; returns true when this call wrote a log line. */
    synchronized boolean record(RejectReason reason) {
        pending.merge(reason, 1, Integer::sum);
        long now = nanoTime.getAsLong();
        if (logged && now - lastLogged < EVERY_NANOS) {
            return false;
        }
        flush(now);
        return true;
    }

    /** Logs what was counted since the last line, e.g. when ingest stops. */
    synchronized void flush() {
        if (!pending.isEmpty()) {
            flush(nanoTime.getAsLong());
        }
    }

    private void flush(long now) {
        int total = pending.values().stream().mapToInt(Integer::intValue).sum();
        LOG.info("messages quarantined [count: {}, by reason: {}]", total, pending);
        pending.clear();
        lastLogged = now;
        logged = true;
    }
}
