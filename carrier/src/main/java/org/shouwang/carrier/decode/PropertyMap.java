package org.shouwang.carrier.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shouwang.model.Json;

/**
 * Which reported property feeds which reading field, per product or device (the registry's {@code property_map}).
 * Written as JSON: {@code {"totalLiters": {"name": "totalFlow", "scale": 1000}, "battery": "battery_level"}}; a
 * field names one property or a list tried in order, and a scale multiplies the value into the field's unit
 * (litres, litres per minute, percent, dBm; a meter reporting cubic metres has scale 1000). Fields:
 * {@value #FIELDS_TEXT}. A field the map leaves out keeps its default.
 */
public final class PropertyMap {

    static final String FIELDS_TEXT = "totalLiters, intervals, flowLpm, battery, rssi, appData";
    static final Set<String> FIELDS = Set.of("totalLiters", "intervals", "flowLpm", "battery", "rssi", "appData");

    /** One field's source: candidate property names and the factor into our unit. */
    public record Source(List<String> names, double scale) {
    }

    /** Common vendor names; cumulative flow is assumed to be in cubic metres, as NB-IoT meters report it. */
    public static final PropertyMap DEFAULTS = new PropertyMap(Map.of(
            "totalLiters", new Source(List.of("totalFlow", "total_flow", "cumulativeFlow", "totalLiters"), 1000),
            "intervals", new Source(List.of("intervals", "frozenIntervals"), 1),
            "flowLpm", new Source(List.of("flowLpm", "instantFlow", "flow"), 1),
            "battery", new Source(List.of("battery", "battery_level", "batteryLevel"), 1),
            "rssi", new Source(List.of("rssi", "signal", "signalStrength", "RSRP"), 1),
            "appData", new Source(List.of("APPdata", "appData", "raw"), 1)));

    private final Map<String, Source> sources;

    private PropertyMap(Map<String, Source> sources) {
        this.sources = Map.copyOf(sources);
    }

    /** The defaults overlaid with a registry map; null or blank: the defaults. */
    public static PropertyMap parse(String json) {
        if (json == null || json.isBlank()) {
            return DEFAULTS;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("property map is not JSON");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("property map must be a JSON object");
        }
        Map<String, Source> merged = new HashMap<>(DEFAULTS.sources);
        var fields = root.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!FIELDS.contains(f.getKey())) {
                throw new IllegalArgumentException("property map: unknown field " + f.getKey() + " (known: "
                        + FIELDS_TEXT + ")");
            }
            merged.put(f.getKey(), source(f.getKey(), f.getValue()));
        }
        return new PropertyMap(merged);
    }

    private static Source source(String field, JsonNode v) {
        JsonNode names = v.isObject() ? v.get("name") : v;
        double scale = v.isObject() && v.hasNonNull("scale") ? v.get("scale").asDouble() : 1;
        List<String> list = new ArrayList<>();
        if (names != null && names.isTextual()) {
            list.add(names.asText());
        } else if (names != null && names.isArray()) {
            names.forEach(n -> list.add(n.asText()));
        }
        if (list.isEmpty() || list.stream().anyMatch(String::isBlank) || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("property map: " + field + " needs a property name and a positive scale");
        }
        return new Source(List.copyOf(list), scale);
    }

    public Source source(String field) {
        return sources.get(field);
    }

    /** The first of the field's properties present in {@code properties}. */
    public Optional<JsonNode> value(String field, JsonNode properties) {
        Source s = sources.get(field);
        if (s == null || properties == null) {
            return Optional.empty();
        }
        return s.names().stream().map(properties::get).filter(n -> n != null && !n.isNull()).findFirst();
    }
}
