package org.shouwang.carrier.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.shouwang.model.CarrierPlatform;

/**
 * One carrier push read out of its platform's envelope: who sent it, what kind of message it is, and its data
 * as properties and/or raw application bytes, for a {@link Decoder}.
 *
 * @param carrierDeviceId the platform's device id: the key of the registry binding
 * @param ts         when the platform says the data was reported
 * @param properties the reported properties, name to value (empty when none)
 * @param appData    raw application bytes (CTWing {@code APPdata}), or null
 * @param dedupKey   the inbox dedup key, from which message ids are made
 */
public record CarrierMessage(CarrierPlatform platform, String productId, String carrierDeviceId, String imei,
                             Type type, Instant ts, JsonNode properties, byte[] appData, String dedupKey) {

    /** What the push reports. */
    public enum Type {
        /** Readings: properties or application data. */
        DATA,
        ONLINE,
        OFFLINE,
        /** Known and harmless, nothing to keep (e.g. a command response). */
        IGNORED
    }
}
