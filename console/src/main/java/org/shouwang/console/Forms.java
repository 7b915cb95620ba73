package org.shouwang.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.shouwang.model.ChildrenLocation;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderCategory;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.InvalidResidentIdException;
import org.shouwang.model.MainlandPhone;
import org.shouwang.model.ResidentId;
import org.shouwang.model.Topics;

/**
 * Reads and validates API request bodies. Every refusal is an {@link ApiError} in Chinese that names
 * the field (label and JSON key) and never repeats the value, which may be an ID number or a phone.
 */
final class Forms {

    /** Until login exists (issue 6), whoever uses the console acts as the duty officer. */
    static final String DEFAULT_ACTOR = "控制台值班员";

    private static final int SHORT_TEXT = 50;
    private static final int ADDRESS_TEXT = 200;
    private static final int NOTE_TEXT = 500;

    /** An elder as the form describes them, with the roster's facts (birth date and sex from the ID number). */
    record ElderInput(Elder elder, ElderFacts facts) {
    }

    /** A care contact to add to an elder. */
    record ContactInput(ContactRole role, String name, String phone, int priority) {
    }

    /** A device to install in an elder's home. */
    record DeviceInput(String deviceId, DeviceKind kind, long elderId) {
    }

    /** Who closes an incident, with which outcome, and an optional note for the timeline. */
    record Resolution(String actor, String outcome, String note, Integer alertsSeen) {
    }

    private Forms() {
    }

    /**
     * The JSON object of a request body; an empty body is an empty object (all fields optional there).
     * A NUL in any of its text is refused here ({@link NulGuard}), for every route at once.
     */
    static JsonObject parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return new JsonObject();
        }
        JsonObject parsed;
        try {
            parsed = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw ApiError.badRequest("请求内容必须是 JSON 对象");
        }
        NulGuard.check(parsed);
        return parsed;
    }

    /**
     * A new elder: the ID number is checked completely (region, birth date, MOD 11-2 check character; a
     * 15-digit number is converted to 18) as of {@code today}, phones are put in their canonical form.
     */
    static ElderInput elder(JsonObject body, LocalDate today) {
        String raw = required(body, "idNumber", "身份证号", 30);
        ResidentId id;
        try {
            id = ResidentId.parse(raw, today);
        } catch (InvalidResidentIdException e) {
            throw ApiError.badField("idNumber", "身份证号（idNumber）" + e.getMessage());
        }
        return new ElderInput(details(body, id.value()), facts(body, id, today));
    }

    /**
     * An edit of a registered elder: the ID number stays as registered and is not checked again, so an
     * elder registered before the full check (or from an old roster) can still be edited.
     */
    static ElderInput elderEdit(JsonObject body, String registeredIdNumber, LocalDate today) {
        ResidentId id = ResidentId.isValid(registeredIdNumber, today) ? ResidentId.parse(registeredIdNumber, today) : null;
        return new ElderInput(details(body, registeredIdNumber), facts(body, id, today));
    }

    private static Elder details(JsonObject body, String idNumber) {
        return new Elder(0, required(body, "name", "姓名", SHORT_TEXT), idNumber,
                required(body, "street", "街道", SHORT_TEXT), required(body, "community", "社区", SHORT_TEXT),
                required(body, "address", "住址", ADDRESS_TEXT), phone(body, "phone", "联系电话", false), true);
    }

    /**
     * The roster's columns, under the roster's rule (RowReader): 空巢 and 独居 elders have children
     * elsewhere, so where must be said; an elder with 无子女或赡养人 has none, so it must stay empty. Every
     * field is optional, as for elders registered before the roster.
     */
    private static ElderFacts facts(JsonObject body, ResidentId id, LocalDate today) {
        ElderCategory category = choice(body, "category", "类别", ElderCategory.values(), ElderCategory::label);
        ChildrenLocation children = choice(body, "childrenLocation", "子女或赡养人住处", ChildrenLocation.values(),
                ChildrenLocation::label);
        if (children == null && (category == ElderCategory.EMPTY_NEST || category == ElderCategory.LIVING_ALONE)) {
            throw ApiError.badField("childrenLocation", "子女或赡养人住处（childrenLocation）：类别为「" + category.label()
                    + "」时须选择「区外」或「街道外」（没有子女或赡养人的，类别请选「" + ElderCategory.NO_CHILDREN_OR_CARER.label() + "」）");
        }
        if (children != null && category == ElderCategory.NO_CHILDREN_OR_CARER) {
            throw ApiError.badField("childrenLocation", "子女或赡养人住处（childrenLocation）：类别为「" + category.label()
                    + "」时应为空");
        }
        Object low = body.getValue("lowIncomeDisabled");
        if (low != null && !(low instanceof Boolean)) {
            throw ApiError.badField("lowIncomeDisabled", "低保家庭失能半失能（lowIncomeDisabled）必须是 true 或 false");
        }
        return new ElderFacts(category, children, Boolean.TRUE.equals(low), id == null ? null : id.birthDate(),
                id == null ? null : id.sex(), date(body, "agreementSignedOn", "四方协议签订日期", today));
    }

    /** One of an enum's values, by its name or its Chinese label; null when absent. */
    private static <E extends Enum<E>> E choice(JsonObject body, String key, String label, E[] values,
                                                Function<E, String> labelOf) {
        String text = optional(body, key, label, SHORT_TEXT);
        if (text == null) {
            return null;
        }
        return Arrays.stream(values).filter(v -> v.name().equals(text) || labelOf.apply(v).equals(text)).findFirst()
                .orElseThrow(() -> ApiError.badField(key, label + "（" + key + "）只能是 "
                        + Arrays.stream(values).map(labelOf).collect(Collectors.joining("、"))));
    }

    /** A past or present date as yyyy-MM-dd; null when absent. */
    private static LocalDate date(JsonObject body, String key, String label, LocalDate today) {
        String text = optional(body, key, label, 10);
        if (text == null) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.badField(key, label + "（" + key + "）应为有效日期，如 2022-09-15");
        }
        if (d.isAfter(today)) {
            throw ApiError.badField(key, label + "（" + key + "）不能晚于今天");
        }
        return d;
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
        long seen = number(body, "alertsSeen", "已查看的报警条数", 0, 100_000, -1);
        return new Resolution(actor(body), required(body, "outcome", "处置结果", SHORT_TEXT),
                optional(body, "note", "备注", NOTE_TEXT), seen < 0 ? null : (int) seen);
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

    /** A mainland mobile or landline in its canonical form; the refusal says what is wrong, not what was sent. */
    private static String phone(JsonObject body, String key, String label, boolean required) {
        String phone = required ? required(body, key, label, 30) : optional(body, key, label, 30);
        if (phone == null) {
            return null;
        }
        try {
            return MainlandPhone.normalize(phone);
        } catch (IllegalArgumentException e) {
            throw ApiError.badField(key, label + "（" + key + "）" + e.getMessage());
        }
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
