package org.shouwang.carrier.ctwing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.shouwang.carrier.decode.Bodies;
import org.shouwang.carrier.decode.CarrierMessage;
import org.shouwang.carrier.decode.DecodeException;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.Json;

/**
 * Reads a CTWing (AEP) HTTP subscription push: {@code messageType} {@code dataReport}/{@code dataReportTupUnion}/
 * {@code eventReport} carry {@code payload} as decoded properties or {@code {"APPdata": base64}};
 * {@code deviceOnlineOfflineReport} carries {@code eventType} 1 (online) or 0 (offline); {@code commandResponse}
 * is acknowledged and dropped. The identity is CTWing's {@code deviceId}.
 */
public final class CtwingPush {

    /**
     * The dedup key of a push: (deviceId, timestamp, upPacketSN) for data, (deviceId, timestamp, messageType,
     * eventType) for the others; a body that is not JSON or names none of them: its digest.
     */
    public static String dedupKey(String body) {
        JsonNode n;
        try {
            n = Bodies.json(body, "CTWing push");
        } catch (DecodeException notJson) {
            return Bodies.digest(body);
        }
        String deviceId = Bodies.optionalText(n, "deviceId");
        String ts = Bodies.optionalText(n, "timestamp");
        if (deviceId == null || ts == null) {
            return Bodies.digest(body);
        }
        String sn = Bodies.optionalText(n, "upPacketSN");
        if (sn != null) {
            return deviceId + "/" + ts + "/" + sn;
        }
        return deviceId + "/" + ts + "/" + n.path("messageType").asText("") + "/" + n.path("eventType").asText("");
    }

    public CarrierMessage read(String body, String dedupKey) throws DecodeException {
        JsonNode n = Bodies.json(body, "CTWing push");
        String type = Bodies.text(n, "messageType");
        String deviceId = Bodies.text(n, "deviceId");
        String productId = Bodies.optionalText(n, "productId");
        String imei = Bodies.optionalText(n, "IMEI");
        Instant ts = Bodies.millis(n, "timestamp", null);
        if (ts == null) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "timestamp is missing");
        }
        return switch (type) {
            case "dataReport", "dataReportTupUnion", "eventReport" -> data(n, productId, deviceId, imei, ts, dedupKey);
            case "deviceOnlineOfflineReport" -> {
                String event = n.path("eventType").asText("");
                CarrierMessage.Type status = switch (event) {
                    case "1" -> CarrierMessage.Type.ONLINE;
                    case "0" -> CarrierMessage.Type.OFFLINE;
                    default -> throw new DecodeException(DecodeException.MISSING_FIELD, "eventType is neither 1 nor 0");
                };
                yield new CarrierMessage(CarrierPlatform.CTWING, productId, deviceId, imei, status, ts,
                        Json.MAPPER.createObjectNode(), null, dedupKey);
            }
            case "commandResponse" -> new CarrierMessage(CarrierPlatform.CTWING, productId, deviceId, imei,
                    CarrierMessage.Type.IGNORED, ts, Json.MAPPER.createObjectNode(), null, dedupKey);
            default -> throw new DecodeException(DecodeException.UNKNOWN_MESSAGE_TYPE, "CTWing messageType "
                    + (type.length() > 40 ? type.substring(0, 40) : type));
        };
    }

    private static CarrierMessage data(JsonNode n, String productId, String deviceId, String imei, Instant ts,
                                       String dedupKey) throws DecodeException {
        JsonNode payload = n.get("payload");
        if (payload == null && n.has("eventContent")) {
            payload = n.get("eventContent");
        }
        if (payload == null || !payload.isObject()) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "payload is missing");
        }
        if (payload.path("serviceData").isObject()) {
            payload = payload.get("serviceData"); // dataReportTupUnion wraps the properties once more
        }
        byte[] appData = null;
        JsonNode raw = payload.get("APPdata");
        if (raw != null) {
            if (!raw.isTextual()) {
                throw new DecodeException(DecodeException.BAD_BASE64, "APPdata is not a base64 string");
            }
            try {
                appData = java.util.Base64.getDecoder().decode(raw.asText().strip());
            } catch (IllegalArgumentException e) {
                throw new DecodeException(DecodeException.BAD_BASE64, "APPdata is not base64");
            }
        }
        return new CarrierMessage(CarrierPlatform.CTWING, productId, deviceId, imei, CarrierMessage.Type.DATA, ts,
                payload, appData, dedupKey);
    }
}
