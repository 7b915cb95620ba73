package org.shouwang.model;

import java.time.Instant;

/**
 * A device's retained status or MQTT Will ({@code shouwang/v1/{deviceId}/status}) as ingest accepted it,
 * for {@link Addresses#STATUS_ACCEPTED}: a call button sends nothing else while idle, so its Will
 * ({@code offline}) is the only sign that it is gone. {@code at} is the platform clock at arrival.
 */
public record DeviceStatus(String deviceId, boolean online, Instant at) {
}
