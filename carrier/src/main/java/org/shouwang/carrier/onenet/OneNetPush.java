package org.shouwang.carrier.onenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.shouwang.carrier.decode.Bodies;
import org.shouwang.carrier.decode.CarrierMessage;
import org.shouwang.carrier.decode.DecodeException;
import org.shouwang.model.CarrierPlatform;
import org.shouwang.model.Json;

/**
 * Reads a OneNET push envelope {@code {"msg", "nonce", "signature", "time", "id"}} out of the inbox: decrypts
 * {@code msg} in safe mode, then reads {@code messageType} {@code lifeCycle} (online/offline) or {@code notify}
 * (properties or events as {@code params: {name: {time, value}}}). The identity is OneNET's {@code deviceId}, else
 * {@code productId/deviceName}.
 */
public final class OneNetPush {

    private final OneNetCipher cipher;

    /** @param cipher null when the push instance is in plaintext mode */
    public OneNetPush(OneNetCipher cipher) {
        this.cipher = cipher;
    }

    public CarrierMessage read(String body, String dedupKey) throws DecodeException {
        JsonNode envelope = Bodies.json(body, "OneNET envelope");
        String msgText = Bodies.text(envelope, "msg");
        if (cipher != null && !msgText.strip().startsWith("{")) {
            msgText = cipher.decrypt(msgText);
        }
        JsonNode msg = Bodies.json(msgText, "OneNET msg");
        Instant pushed = Bodies.millis(envelope, "time", null);
        String productId = Bodies.optionalText(msg, "productId");
        String deviceId = Bodies.optionalText(msg, "deviceId");
        String deviceName = Bodies.optionalText(msg, "deviceName");
        if (deviceId == null && (productId == null || deviceName == null)) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "msg names no deviceId nor productId/deviceName");
        }
        String identity = deviceId != null ? deviceId : productId + "/" + deviceName;
        String imei = Bodies.optionalText(msg, "imei");
        String type = Bodies.text(msg, "messageType");
        JsonNode data = msg.path("data");
        return switch (type) {
            case "lifeCycle" -> lifeCycle(productId, identity, imei, data, pushed, dedupKey);
            case "notify" -> notify(productId, identity, imei, data, pushed, dedupKey);
            default -> throw new DecodeException(DecodeException.UNKNOWN_MESSAGE_TYPE,
                    "OneNET messageType " + printable(type));
        };
    }

    private static CarrierMessage lifeCycle(String productId, String identity, String imei, JsonNode data,
                                            Instant pushed, String dedupKey) throws DecodeException {
        String status = data.path("status").asText("");
        CarrierMessage.Type type = switch (status) {
            case "online", "1" -> CarrierMessage.Type.ONLINE;
            case "offline", "0" -> CarrierMessage.Type.OFFLINE;
            default -> throw new DecodeException(DecodeException.MISSING_FIELD, "lifeCycle status is neither online"
                    + " nor offline");
        };
        Instant at = Bodies.millis(data, "time", pushed);
        return new CarrierMessage(CarrierPlatform.ONENET, productId, identity, imei, type, at,
                Json.MAPPER.createObjectNode(), null, dedupKey);
    }

    /** Flattens {@code params: {name: {time, value}}} to {@code {name: value}}; the reading's time is the latest. */
    private static CarrierMessage notify(String productId, String identity, String imei, JsonNode data,
                                         Instant pushed, String dedupKey) throws DecodeException {
        JsonNode params = data.path("params");
        if (!params.isObject() || params.isEmpty()) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "notify has no params");
        }
        ObjectNode properties = Json.MAPPER.createObjectNode();
        Instant latest = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = p.getValue();
            if (v.isObject() && v.has("value")) {
                properties.set(p.getKey(), v.get("value"));
                Instant t = Bodies.millis(v, "time", null);
                latest = t == null ? latest : latest == null || t.isAfter(latest) ? t : latest;
            } else {
                properties.set(p.getKey(), v);
            }
        }
        Instant at = latest != null ? latest : pushed;
        if (at == null) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "notify carries no time");
        }
        return new CarrierMessage(CarrierPlatform.ONENET, productId, identity, imei, CarrierMessage.Type.DATA, at,
                properties, null, dedupKey);
    }

    static String printable(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
