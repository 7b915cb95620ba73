package org.shouwang.db;

import java.time.Instant;
import org.shouwang.model.RejectReason;
import org.shouwang.model.SafeText;

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

    static final int MAX_TOPIC = 256;
    static final int MAX_DETAIL = 500;

    public QuarantinedMessage {
        if (topic == null || reason == null || payload == null) {
            throw new IllegalArgumentException("a quarantined message needs its topic, reason and payload");
        }
        // Topic and detail may quote what a device sent: made printable so that neither the insert nor a log fails.
        topic = SafeText.printable(topic, MAX_TOPIC);
        deviceId = SafeText.printable(deviceId, MAX_TOPIC);
        detail = detail == null ? "" : SafeText.printable(detail, MAX_DETAIL);
    }

    public QuarantinedMessage(String topic, String deviceId, RejectReason reason, String detail, byte[] payload) {
        this(topic, deviceId, reason, detail, payload, null);
    }
}
