package org.shouwang.db;

import java.time.Instant;
import org.shouwang.model.RejectReason;

/**
 * A device message ingest refused, kept for inspection.
 *
 * @param topic      the MQTT topic it came on
 * @param deviceId   the device named by the topic; null when the topic named none
 * @param reason     why it was refused
 * @param detail     which field or limit, never personal data (payloads carry none)
 * @param payload    the bytes as received (the store keeps at most {@link TelemetryStore#MAX_QUARANTINE_PAYLOAD})
 * @param receivedAt when it was stored; null on the way in, the database's time on the way out
 */
public record QuarantinedMessage(String topic, String deviceId, RejectReason reason, String detail, byte[] payload,
                                 Instant receivedAt) {

    public QuarantinedMessage {
        if (topic == null || reason == null || payload == null) {
            throw new IllegalArgumentException("a quarantined message needs its topic, reason and payload");
        }
        detail = detail == null ? "" : detail;
    }

    public QuarantinedMessage(String topic, String deviceId, RejectReason reason, String detail, byte[] payload) {
        this(topic, deviceId, reason, detail, payload, null);
    }
}
