package org.shouwang.model;

/** A device installed in an elder's home; {@code deviceId} is also its MQTT username. */
public record Device(String deviceId, DeviceKind kind, long elderId, boolean active) {
}
