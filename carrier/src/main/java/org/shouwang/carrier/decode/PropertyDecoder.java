package org.shouwang.carrier.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.shouwang.model.CarrierDecoder;
import org.shouwang.model.Json;

/**
 * Decoder (a): reported properties mapped by name ({@link PropertyMap}) to cumulative litres, interval readings,
 * flow, battery and signal. An interval property holds an array of {@code {"start", "end", "liters"}}, times as
 * ISO-8601 or epoch milliseconds. A numeric value given as a string ("123.4") is read as its number.
 */
final class PropertyDecoder implements Decoder {

    @Override
    public CarrierDecoder kind() {
        return CarrierDecoder.PROPERTIES;
    }

    @Override
    public ObjectNode decode(CarrierMessage message, PropertyMap map) throws DecodeException {
        JsonNode p = message.properties();
        ObjectNode out = Json.MAPPER.createObjectNode();
        number(map, "totalLiters", p, out);
        number(map, "flowLpm", p, out);
        integer(map, "battery", p, out);
        integer(map, "rssi", p, out);
        JsonNode intervals = map.value("intervals", p).orElse(null);
        if (intervals != null) {
            out.set("intervals", intervals(intervals, map.source("intervals").scale()));
        }
        return out;
    }

    private static void number(PropertyMap map, String field, JsonNode p, ObjectNode out) throws DecodeException {
        JsonNode v = map.value(field, p).orElse(null);
        if (v != null) {
            out.put(field, numeric(field, v) * map.source(field).scale());
        }
    }

    private static void integer(PropertyMap map, String field, JsonNode p, ObjectNode out) throws DecodeException {
        JsonNode v = map.value(field, p).orElse(null);
        if (v != null) {
            out.put(field, Math.round(numeric(field, v) * map.source(field).scale()));
        }
    }

    private static double numeric(String field, JsonNode v) throws DecodeException {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().strip());
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw new DecodeException(DecodeException.MISSING_FIELD, field + " is not a number");
    }

    private static ArrayNode intervals(JsonNode v, double scale) throws DecodeException {
        if (!v.isArray()) {
            throw new DecodeException(DecodeException.MISSING_FIELD, "intervals must be an array");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode i : v) {
            if (!i.isObject() || !i.has("start") || !i.has("end") || !i.has("liters")) {
                throw new DecodeException(DecodeException.MISSING_FIELD, "an interval needs start, end and liters");
            }
            out.addObject().put("start", time(i.get("start"))).put("end", time(i.get("end")))
                    .put("liters", numeric("liters", i.get("liters")) * scale);
        }
        return out;
    }

    private static String time(JsonNode t) {
        return t.isNumber() ? Instant.ofEpochMilli(t.asLong()).toString() : t.asText();
    }
}
