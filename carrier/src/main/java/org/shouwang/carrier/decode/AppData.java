package org.shouwang.carrier.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/** The raw application bytes of a push: CTWing's {@code APPdata}, or a base64 property named by the map. */
final class AppData {

    private AppData() {
    }

    static byte[] of(CarrierMessage message, PropertyMap map) throws DecodeException {
        if (message.appData() != null) {
            return message.appData();
        }
        JsonNode v = map.value("appData", message.properties()).orElse(null);
        if (v == null || !v.isTextual()) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "no application data (APPdata) in the push");
        }
        return base64(v.asText());
    }

    static byte[] base64(String text) throws DecodeException {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new DecodeException(DecodeException.BAD_BASE64, "application data is not base64");
        }
    }
}
