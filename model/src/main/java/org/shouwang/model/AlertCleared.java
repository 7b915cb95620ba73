package org.shouwang.model;

import java.time.Instant;

/**
 * The condition behind an alert has ended (water runs again, the device reports again, the battery was
 * replaced…), published on {@link Addresses#ALERT_CLEARED} so escalation for it stops. The incident
 * stays open: a person still resolves it. {@code alertId} is the id of the {@link Alert} raised for
 * the episode; a clear may be repeated (after a restart) and must be treated idempotently.
 *
 * <p>Its JSON has the shape of an {@link Alert} ({@code alertId, rule, deviceId, at, detail}), so a
 * consumer may read it as either.
 *
 * @param detail why the condition ended, in Chinese for the incident timeline
 */
public record AlertCleared(String alertId, Rule rule, String deviceId, Instant at, String detail) {
}
