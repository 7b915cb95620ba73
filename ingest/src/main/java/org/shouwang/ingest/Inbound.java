package org.shouwang.ingest;

import org.shouwang.db.QuarantinedMessage;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;

/** What one MQTT message turned out to be once its topic and payload were read. */
sealed interface Inbound {

    /** The device named by the topic; null when the topic names none. */
    String deviceId();

    /** A valid meter reading. */
    record Reading(Telemetry telemetry) implements Inbound {
        public String deviceId() {
            return telemetry.deviceId();
        }
    }

    /** A valid button press or meter alarm. */
    record Event(DeviceEvent event) implements Inbound {
        public String deviceId() {
            return event.deviceId();
        }
    }

    /** A device's retained status or Will. */
    record Status(String deviceId, boolean online) implements Inbound {
    }

    /** Nothing to keep, e.g. an empty payload that clears a retained status. */
    record Ignored(String deviceId, String why) implements Inbound {
    }

    /** Refused: goes to quarantine. */
    record Rejected(QuarantinedMessage message) implements Inbound {
        public String deviceId() {
            return message.deviceId();
        }
    }
}
