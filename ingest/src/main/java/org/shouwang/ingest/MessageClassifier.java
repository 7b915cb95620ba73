package org.shouwang.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.shouwang.db.QuarantinedMessage;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.PayloadParser;
import org.shouwang.model.RejectReason;
import org.shouwang.model.RejectedPayloadException;
import org.shouwang.model.Topics;

/**
 * Reads one MQTT message into an {@link Inbound}. The device id comes from the topic only (the broker's
 * ACL ties it to the connection's username); the payload goes through the v1 {@link PayloadParser}.
 * Never throws: whatever cannot be read becomes a rejection, so one bad message cannot stop the stream.
 */
final class MessageClassifier {

    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    private final PayloadParser parser;
    private final PayloadLimits limits;
    private final Clock clock;

    MessageClassifier(PayloadLimits limits, Clock clock) {
        this.parser = new PayloadParser(limits);
        this.limits = limits;
        this.clock = clock;
    }

    Inbound classify(String topic, byte[] payload) {
        Optional<Topics.Address> address = Topics.parse(topic);
        if (address.isEmpty()) {
            return rejected(topic, null, RejectReason.UNKNOWN_TOPIC, "not a v1 device topic", payload);
        }
        String deviceId = address.get().deviceId();
        try {
            return switch (address.get().channel()) {
                case TELEMETRY -> new Inbound.Reading(parser.telemetry(deviceId, payload, clock.instant()));
                case EVENT -> new Inbound.Event(parser.event(deviceId, payload, clock.instant()));
                case STATUS -> status(deviceId, payload);
            };
        } catch (RejectedPayloadException e) {
            return rejected(topic, deviceId, e.reason(), e.detail(), payload);
        } catch (RuntimeException e) {
            // A parser bug must cost one message, not the MQTT connection (Paho drops it on a throwing callback).
            return rejected(topic, deviceId, RejectReason.INVALID_VALUE,
                    "unreadable: " + e.getClass().getSimpleName(), payload);
        }
    }

    private Inbound status(String deviceId, byte[] payload) throws RejectedPayloadException {
        if (payload.length == 0) {
            return new Inbound.Ignored(deviceId, "retained status cleared");
        }
        if (payload.length > limits.maxBytes()) {
            throw new RejectedPayloadException(RejectReason.OVERSIZE, payload.length + " bytes, limit " + limits.maxBytes());
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (ONLINE.equals(text)) {
            return new Inbound.Status(deviceId, true);
        }
        if (OFFLINE.equals(text)) {
            return new Inbound.Status(deviceId, false);
        }
        throw new RejectedPayloadException(RejectReason.INVALID_VALUE, "status must be 'online' or 'offline'");
    }

    private static Inbound rejected(String topic, String deviceId, RejectReason reason, String detail, byte[] payload) {
        return new Inbound.Rejected(new QuarantinedMessage(topic == null ? "" : topic, deviceId, reason, detail, payload));
    }
}
