package org.shouwang.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.shouwang.care.CareRecords;
import org.shouwang.care.CareScope;
import org.shouwang.care.DutyCalendar;
import org.shouwang.care.Weeks;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.AgreementStatus;
import org.shouwang.model.care.CareKind;
import org.shouwang.model.care.NeedCategory;

/**
 * Reads and validates the routine-care requests (issue 11): a care record as staff enter it, the agreement
 * form, and the query parameters that choose a scope, a day, a range of days, a week or a month. Refusals are
 * {@link ApiError}s in Chinese naming the field, never repeating the value.
 */
final class CareForms {

    /** The kinds staff choose from; an SMS report is written only by the SMS path. */
    static final List<CareKind> STAFF_KINDS = List.of(CareKind.VISIT, CareKind.PHONE, CareKind.OTHER);
    /** A range asked for at once (records, exports): a year of days. */
    static final int MAX_RANGE_DAYS = 366;
    static final int REQUEST_KEY_LIMIT = 100;
    static final int HEALTH_STATUS_LIMIT = 200;
    private static final int SHORT_TEXT = 50;

    /** Days {@code from..to}, both inclusive, in Asia/Shanghai. */
    record Range(LocalDate from, LocalDate to) {
        Instant start() {
            return from.atStartOfDay(ResidentId.ZONE).toInstant();
        }

        /** The first instant after the range. */
        Instant end() {
            return to.plusDays(1).atStartOfDay(ResidentId.ZONE).toInstant();
        }

        long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    /** The agreement as the form gives it; the contacts are checked against the elder's care team by the caller. */
    record AgreementInput(AgreementStatus status, String streetRepresentative, Long communityWorkerId,
                          Long neighbourId, String healthStatus, LocalDate signedOn, LocalDate endedOn) {
    }

    private CareForms() {
    }

    /** A care record as the console posts it. */
    static CareRecords.Entry entry(JsonObject body) {
        String kindText = Forms.required(body, "kind", "联系方式", SHORT_TEXT);
        CareKind kind = STAFF_KINDS.stream().filter(k -> k.name().equals(kindText)).findFirst()
                .orElseThrow(() -> ApiError.badField("kind", "联系方式（kind）只能是 " + STAFF_KINDS.stream()
                        .map(k -> k.name() + "（" + k.label() + "）").collect(Collectors.joining("、"))));
        return new CareRecords.Entry(Forms.optional(body, "requestKey", "请求编号", REQUEST_KEY_LIMIT), kind,
                instant(body, "at", "联系时间"),
                Forms.optional(body, "content", "服务内容", CareRecords.CONTENT_LIMIT), needs(body),
                Forms.optional(body, "needsNote", "需求说明", CareRecords.CONTENT_LIMIT), flag(body, "followUp", "需要跟进"),
                id(body, "contactId", "服务人（照护团队成员）"));
    }

    /** The four-party agreement form, checked for itself as of {@code today}. */
    static AgreementInput agreement(JsonObject body, LocalDate today) {
        String statusText = Forms.required(body, "status", "协议状态", SHORT_TEXT);
        AgreementStatus status = Arrays.stream(AgreementStatus.values()).filter(s -> s.name().equals(statusText))
                .findFirst().orElseThrow(() -> ApiError.badField("status", "协议状态（status）只能是 "
                        + Arrays.stream(AgreementStatus.values()).map(s -> s.name() + "（" + s.label() + "）")
                        .collect(Collectors.joining("、"))));
        LocalDate signed = pastDate(body, "signedOn", "签订日期", today);
        LocalDate ended = pastDate(body, "endedOn", "终止日期", today);
        if (status == AgreementStatus.DRAFT && signed != null) {
            throw ApiError.badField("signedOn", "草拟中的协议还没有签订日期（signedOn），签订后请将状态改为已签订");
        }
        if (status != AgreementStatus.DRAFT && signed == null) {
            throw ApiError.badField("signedOn", "已签订或已终止的协议须填写签订日期（signedOn）");
        }
        if (status == AgreementStatus.ENDED && ended == null) {
            throw ApiError.badField("endedOn", "已终止的协议须填写终止日期（endedOn）");
        }
        if (status != AgreementStatus.ENDED && ended != null) {
            throw ApiError.badField("endedOn", "只有已终止的协议才有终止日期（endedOn）");
        }
        if (ended != null && ended.isBefore(signed)) {
            throw ApiError.badField("endedOn", "终止日期（endedOn）不能早于签订日期");
        }
        return new AgreementInput(status, Forms.optional(body, "streetRepresentative", "街道签约人", SHORT_TEXT),
                id(body, "communityWorkerId", "社区工作者（乙方）"), id(body, "neighbourId", "邻里亲友或志愿者（丙方）"),
                Forms.optional(body, "healthStatus", "健康状况", HEALTH_STATUS_LIMIT), signed, ended);
    }

    /**
     * The caller's scope, narrowed to the street and community the query asks for; asking for a place outside
     * the scope is a 403, not an empty answer.
     */
    static CareScope scope(Staff staff, String street, String community) {
        try {
            return CareScope.of(staff.account()).narrowed(street, community);
        } catch (IllegalArgumentException e) {
            throw ApiError.forbidden("所选街道或社区不在您负责的范围内");
        }
    }

    /** A trimmed query parameter, null when absent or blank. */
    static String param(RoutingContext ctx, String name) {
        String raw = ctx.request().getParam(name);
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /** A day {@code YYYY-MM-DD} from the query, or {@code fallback} when absent. */
    static LocalDate day(String raw, String key, String label, LocalDate fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badField(key, label + "（" + key + "）应为有效日期，如 2026-12-02");
        }
    }

    /** Days {@code from..to} from the query: {@code to} defaults to today, {@code from} to {@code defaultDays} before. */
    static Range range(String from, String to, LocalDate today, int defaultDays) {
        LocalDate end = day(to, "to", "结束日期", today);
        LocalDate start = day(from, "from", "开始日期", end.minusDays(defaultDays - 1L));
        if (start.isAfter(end)) {
            throw ApiError.badField("from", "开始日期（from）不能晚于结束日期（to）");
        }
        Range r = new Range(start, end);
        if (r.days() > MAX_RANGE_DAYS) {
            throw ApiError.badField("from", "一次最多查询 " + MAX_RANGE_DAYS + " 天");
        }
        return r;
    }

    /** The Monday of the ISO week {@code YYYY-Www} from the query, or of today's week. */
    static LocalDate week(String raw, LocalDate today) {
        if (raw == null) {
            return DutyCalendar.monday(today);
        }
        try {
            return Weeks.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.badField("week", "周次（week）" + e.getMessage());
        }
    }

    /** A month {@code YYYY-MM} from the query, or today's. */
    static YearMonth month(String raw, LocalDate today) {
        if (raw == null) {
            return YearMonth.from(today);
        }
        try {
            return YearMonth.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiError.badField("month", "月份（month）格式应为 YYYY-MM，如 2026-12");
        }
    }

    /** An integer from the query within {@code min..max}, or {@code fallback} when absent. */
    static int number(String raw, String key, String label, int min, int max, int fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw ApiError.badField(key, label + "（" + key + "）必须是 " + min + " 到 " + max + " 之间的整数");
    }

    /** An instant with its offset ({@code 2026-12-02T09:30:00+08:00} or {@code …Z}); null when absent. */
    private static Instant instant(JsonObject body, String key, String label) {
        String text = Forms.optional(body, key, label, SHORT_TEXT);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badField(key, label + "（" + key + "）应为带时区的 ISO-8601 时间，如 2026-12-02T09:30:00+08:00");
        }
    }

    private static List<NeedCategory> needs(JsonObject body) {
        Object raw = body.getValue("needs");
        if (raw == null) {
            return List.of();
        }
        String allowed = Arrays.stream(NeedCategory.values()).map(n -> n.name() + "（" + n.label() + "）")
                .collect(Collectors.joining("、"));
        if (!(raw instanceof JsonArray array)) {
            throw ApiError.badField("needs", "发现的需求（needs）必须是列表，可选 " + allowed);
        }
        List<NeedCategory> out = new ArrayList<>();
        for (Object item : array) {
            NeedCategory need = Arrays.stream(NeedCategory.values()).filter(n -> n.name().equals(item)).findFirst()
                    .orElseThrow(() -> ApiError.badField("needs", "发现的需求（needs）只能是 " + allowed));
            if (!out.contains(need)) {
                out.add(need);
            }
        }
        return out;
    }

    private static boolean flag(JsonObject body, String key, String label) {
        Object raw = body.getValue(key);
        if (raw == null) {
            return false;
        }
        if (!(raw instanceof Boolean b)) {
            throw ApiError.badField(key, label + "（" + key + "）必须是 true 或 false");
        }
        return b;
    }

    private static Long id(JsonObject body, String key, String label) {
        Object raw = body.getValue(key);
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0) {
            return n.longValue();
        }
        throw ApiError.badField(key, label + "（" + key + "）必须是正整数编号");
    }

    private static LocalDate pastDate(JsonObject body, String key, String label, LocalDate today) {
        String text = Forms.optional(body, key, label, 10);
        if (text == null) {
            return null;
        }
        LocalDate d = day(text, key, label, null);
        if (d.isAfter(today)) {
            throw ApiError.badField(key, label + "（" + key + "）不能晚于今天");
        }
        return d;
    }
}
