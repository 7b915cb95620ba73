package org.shouwang.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.Topics;

/**
 * Reads and validates API request bodies. Every refusal is an {@link ApiError} in Chinese that names
 * the field (label and JSON key) and never repeats the value, which may be an ID number or a phone.
 */
final class Forms {

    /** Shape only (17 digits and a digit or X); issue 3 adds the birth date and MOD 11-2 check. */
    static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");
    /** Mobile or landline with area code, optionally with + and separators: 7 to 20 characters. */
    static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d -]{5,18}\\d");
    /** Until login exists (issue 6), whoever uses the console acts as the duty officer. */
    static final String DEFAULT_ACTOR = "控制台值班员";

    private static final int SHORT_TEXT = 50;
    private static final int ADDRESS_TEXT = 200;
    private static final int NOTE_TEXT = 500;

    /** A care contact to add to an elder. */
    record ContactInput(ContactRole role, String name, String phone, int priority) {
    }

    /** A device to install in an elder's home. */
    record DeviceInput(String deviceId, DeviceKind kind, long elderId) {
    }

    /** Who closes an incident, with which outcome, and an optional note for the timeline. */
    record Resolution(String actor, String outcome, String note) {
    }

    private Forms() {
    }

    /** The JSON object of a request body; an empty body is an empty object (all fields optional there). */
    static JsonObject parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return new JsonObject();
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw ApiError.badRequest("请求内容必须是 JSON 对象");
        }
    }

    static Elder elder(JsonObject body) {
        String idNumber = required(body, "idNumber", "身份证号", 18).toUpperCase(Locale.ROOT);
        if (!ID_NUMBER.matcher(idNumber).matches()) {
            throw ApiError.badField("idNumber", "身份证号（idNumber）格式不对：应为 18 位，前 17 位是数字，最后一位是数字或 X");
        }
        return new Elder(0, required(body, "name", "姓名", SHORT_TEXT), idNumber,
                required(body, "street", "街道", SHORT_TEXT), required(body, "community", "社区", SHORT_TEXT),
                required(body, "address", "住址", ADDRESS_TEXT), phone(body, "phone", "联系电话", false), true);
    }

    static ContactInput contact(JsonObject body) {
        String role = required(body, "role", "角色", SHORT_TEXT);
        ContactRole parsed = Arrays.stream(ContactRole.values()).filter(r -> r.name().equals(role)).findFirst()
                .orElseThrow(() -> ApiError.badField("role", "角色（role）只能是 " + Arrays.stream(ContactRole.values())
                        .map(r -> r.name() + "（" + r.label() + "）").collect(Collectors.joining("、"))));
        return new ContactInput(parsed, required(body, "name", "姓名", SHORT_TEXT), phone(body, "phone", "联系电话", true),
                (int) number(body, "priority", "优先级", 0, 99, 0));
    }

    static DeviceInput device(JsonObject body) {
        String deviceId = required(body, "deviceId", "设备编号", 64);
        if (!Topics.DEVICE_ID.matcher(deviceId).matches()) {
            throw ApiError.badField("deviceId", "设备编号（deviceId）只能含字母、数字和 _ . : -，以字母或数字开头，最长 64 位");
        }
        String kind = required(body, "kind", "设备类型", SHORT_TEXT);
        DeviceKind parsed = Arrays.stream(DeviceKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                .orElseThrow(() -> ApiError.badField("kind", "设备类型（kind）只能是 WATER_METER（智能水表）或 CALL_BUTTON（一键呼）"));
        if (body.getValue("elderId") == null) {
            throw ApiError.badField("elderId", "老人编号（elderId）不能为空");
        }
        return new DeviceInput(deviceId, parsed, number(body, "elderId", "老人编号", 1, Long.MAX_VALUE, 0));
    }

    /** The acting person of an acknowledgement; the duty officer when the body names nobody. */
    static String actor(JsonObject body) {
        String actor = optional(body, "actor", "处置人", SHORT_TEXT);
        return actor == null ? DEFAULT_ACTOR : actor;
    }

    static Resolution resolution(JsonObject body) {
        return new Resolution(actor(body), required(body, "outcome", "处置结果", SHORT_TEXT),
                optional(body, "note", "备注", NOTE_TEXT));
    }

    /** A numeric id from the path; anything else is a bad request rather than a lookup. */
    static long id(String raw, String label) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw ApiError.badRequest(label + "必须是正整数");
    }

    /** A page size from the query string: {@code fallback} when absent, at most {@code max}. */
    static int limit(String raw, int fallback, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw ApiError.badField("limit", "条数（limit）必须是 1 到 " + max + " 之间的整数");
    }

    static String required(JsonObject body, String key, String label, int maxLength) {
        String value = optional(body, key, label, maxLength);
        if (value == null) {
            throw ApiError.badField(key, label + "（" + key + "）不能为空");
        }
        return value;
    }

    /** Trimmed text, or null when absent or blank. */
    static String optional(JsonObject body, String key, String label, int maxLength) {
        Object raw = body.getValue(key);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String text)) {
            throw ApiError.badField(key, label + "（" + key + "）必须是文本");
        }
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw ApiError.badField(key, label + "（" + key + "）不能超过 " + maxLength + " 个字");
        }
        return value;
    }

    private static String phone(JsonObject body, String key, String label, boolean required) {
        String phone = required ? required(body, key, label, 30) : optional(body, key, label, 30);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiError.badField(key, label + "（" + key + "）格式不对：应为手机号或带区号的固定电话");
        }
        return phone;
    }

    private static long number(JsonObject body, String key, String label, long min, long max, long fallback) {
        Object raw = body.getValue(key);
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.longValue() >= min && n.longValue() <= max) {
            return n.longValue();
        }
        String range = max == Long.MAX_VALUE ? "正整数" : min + " 到 " + max + " 之间的整数";
        throw ApiError.badField(key, label + "（" + key + "）必须是" + range);
    }
}
