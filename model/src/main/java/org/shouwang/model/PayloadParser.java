package org.shouwang.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses and validates v1 device payloads. The device id always comes from the topic, never from the
 * payload; unknown fields are ignored; anything else outside the contract is a {@link RejectedPayloadException}.
 */
public final class PayloadParser {

    private final PayloadLimits limits;

    public PayloadParser(PayloadLimits limits) {
        this.limits = limits;
    }

    public Telemetry telemetry(String deviceId, byte[] payload, Instant now) throws RejectedPayloadException {
        JsonNode root = envelope(payload);
        String msgId = msgId(root);
        Instant ts = timestamp(root, "ts", now);
        List<WaterInterval> intervals = intervals(root.get("intervals"), now);
        Double total = optionalNumber(root, "totalLiters", 0, Double.MAX_VALUE);
        Double flow = optionalNumber(root, "flowLpm", 0, limits.maxFlowLpm());
        Integer battery = optionalInt(root, "battery", 0, 100);
        Integer rssi = optionalInt(root, "rssi", -150, 0);
        if (total == null && intervals.isEmpty() && flow == null) {
            throw new RejectedPayloadException(RejectReason.MISSING_FIELD,
                    "telemetry needs at least one of totalLiters, intervals, flowLpm");
        }
        return new Telemetry(deviceId, msgId, ts, now, total, intervals, flow, battery, rssi);
    }

    public DeviceEvent event(String deviceId, byte[] payload, Instant now) throws RejectedPayloadException {
        JsonNode root = envelope(payload);
        String msgId = msgId(root);
        Instant ts = timestamp(root, "ts", now);
        DeviceEvent.Kind kind = enumValue(root, "kind", DeviceEvent.Kind.class, true);
        DeviceEvent.Action action = null;
        DeviceEvent.AlarmCode code = null;
        if (kind == DeviceEvent.Kind.BUTTON) {
            action = enumValue(root, "action", DeviceEvent.Action.class, true);
        } else {
            code = enumValue(root, "code", DeviceEvent.AlarmCode.class, true);
        }
        Integer battery = optionalInt(root, "battery", 0, 100);
        return new DeviceEvent(deviceId, msgId, ts, now, kind, action, code, battery);
    }

    private JsonNode envelope(byte[] payload) throws RejectedPayloadException {
        if (payload.length > limits.maxBytes()) {
            throw new RejectedPayloadException(RejectReason.OVERSIZE,
                    payload.length + " bytes, limit " + limits.maxBytes());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new RejectedPayloadException(RejectReason.MALFORMED_JSON, e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new RejectedPayloadException(RejectReason.MALFORMED_JSON, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RejectedPayloadException(RejectReason.MALFORMED_JSON, "payload is not a JSON object");
        }
        refuseUnstorableText(root);
        JsonNode v = required(root, "v");
        if (!v.isIntegralNumber()) {
            throw new RejectedPayloadException(RejectReason.WRONG_TYPE, "v must be an integer");
        }
        if (!v.canConvertToInt() || v.asInt() != 1) {
            throw new RejectedPayloadException(RejectReason.UNSUPPORTED_VERSION, "v=" + v.asText());
        }
        return root;
    }

    /**
     * Refuses a NUL anywhere in the payload's text, unknown fields and field names included: PostgreSQL cannot
     * store it, and the message (or a detail quoting it) would fail every batch it is written in.
     */
    private static void refuseUnstorableText(JsonNode root) throws RejectedPayloadException {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isTextual() && SafeText.unstorable(node.textValue())) {
                throw new RejectedPayloadException(RejectReason.INVALID_VALUE, "text contains a NUL character or a lone surrogate");
            }
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (SafeText.unstorable(f.getKey())) {
                        throw new RejectedPayloadException(RejectReason.INVALID_VALUE,
                                "a field name contains a NUL character or a lone surrogate");
                    }
                    todo.push(f.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(todo::push);
            }
        }
    }

    private static String msgId(JsonNode root) throws RejectedPayloadException {
        JsonNode node = required(root, "msgId");
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new RejectedPayloadException(RejectReason.WRONG_TYPE, "msgId must be a string or integer");
        }
        String id = node.asText();
        if (id.isBlank() || id.length() > 64) {
            throw new RejectedPayloadException(RejectReason.INVALID_VALUE, "msgId must be 1-64 characters");
        }
        return id;
    }

    private Instant timestamp(JsonNode root, String field, Instant now) throws RejectedPayloadException {
        return instant(required(root, field), field, now);
    }

    private Instant instant(JsonNode node, String field, Instant now) throws RejectedPayloadException {
        if (!node.isTextual()) {
            throw new RejectedPayloadException(RejectReason.WRONG_TYPE, field + " must be an ISO-8601 string");
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(node.asText()).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new RejectedPayloadException(RejectReason.INVALID_VALUE,
                    field + " is not ISO-8601 with an offset: " + node.asText());
        }
        if (t.isBefore(now.minus(limits.maxPastAge()))) {
            throw new RejectedPayloadException(RejectReason.PAST_TIMESTAMP,
                    field + " " + node.asText() + " is more than " + limits.maxPastAge().toDays()
                            + " days behind the platform clock");
        }
        if (t.isAfter(now.plus(limits.maxFutureSkew()))) {
            throw new RejectedPayloadException(RejectReason.FUTURE_TIMESTAMP,
                    field + " " + node.asText() + " is ahead of the platform clock");
        }
        return t;
    }

    private List<WaterInterval> intervals(JsonNode node, Instant now) throws RejectedPayloadException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new RejectedPayloadException(RejectReason.WRONG_TYPE, "intervals must be an array");
        }
        if (node.size() > limits.maxIntervals()) {
            throw new RejectedPayloadException(RejectReason.OVERSIZE,
                    node.size() + " intervals, limit " + limits.maxIntervals());
        }
        List<WaterInterval> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = "intervals[" + i + "]";
            if (!item.isObject()) {
                throw new RejectedPayloadException(RejectReason.WRONG_TYPE, at + " must be an object");
            }
            Instant start = instant(required(item, "start", at), at + ".start", now);
            Instant end = instant(required(item, "end", at), at + ".end", now);
            if (!end.isAfter(start)) {
                throw new RejectedPayloadException(RejectReason.INVALID_VALUE, at + " ends before it starts");
            }
            JsonNode liters = required(item, "liters", at);
            out.add(new WaterInterval(start, end, number(liters, at + ".liters", 0, limits.maxIntervalLiters())));
        }
        return out;
    }

    private static JsonNode required(JsonNode root, String field) throws RejectedPayloadException {
        return required(root, field, null);
    }

    private static JsonNode required(JsonNode root, String field, String parent) throws RejectedPayloadException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            String name = parent == null ? field : parent + "." + field;
            throw new RejectedPayloadException(RejectReason.MISSING_FIELD, name + " is required");
        }
        return node;
    }

    private static Double optionalNumber(JsonNode root, String field, double min, double max)
            throws RejectedPayloadException {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : number(node, field, min, max);
    }

    private static double number(JsonNode node, String field, double min, double max) throws RejectedPayloadException {
        if (!node.isNumber()) {
            throw new RejectedPayloadException(RejectReason.WRONG_TYPE, field + " must be a number");
        }
        double value = node.asDouble();
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new RejectedPayloadException(RejectReason.INVALID_VALUE,
                    field + "=" + node.asText() + " outside [" + min + ", " + max + "]");
        }
        return value;
    }

    private static Integer optionalInt(JsonNode root, String field, int min, int max) throws RejectedPayloadException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new RejectedPayloadException(RejectReason.WRONG_TYPE, field + " must be an integer");
        }
        // asInt() would wrap 4294967383 to 87: only a value that fits an int is compared at all.
        if (!node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw new RejectedPayloadException(RejectReason.INVALID_VALUE,
                    field + "=" + node.asText() + " outside [" + min + ", " + max + "]");
        }
        int value = node.asInt();
        return value;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode root, String field, Class<E> type, boolean required)
            throws RejectedPayloadException {
        JsonNode node = required ? required(root, field) : root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new RejectedPayloadException(RejectReason.WRONG_TYPE, field + " must be a string");
        }
        try {
            return Enum.valueOf(type, node.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RejectedPayloadException(RejectReason.INVALID_VALUE, field + "=" + node.asText() + " is not known");
        }
    }
}
