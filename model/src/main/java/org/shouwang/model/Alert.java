package org.shouwang.model;

import java.time.Instant;

/**
 * A rule's finding about one device. {@code alertId} is deterministic for one episode (for example
 * the device message id that triggered it), so a redelivered trigger yields the same alert and the
 * notifier can drop the repeat.
 */
public record Alert(String alertId, Rule rule, String deviceId, Instant at, String detail) {

    public Severity severity() {
        return rule.severity();
    }
}
