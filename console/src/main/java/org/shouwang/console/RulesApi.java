package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.db.Stores;
import org.shouwang.db.AbsenceStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.RuleThresholdStore;
import org.shouwang.db.StreetStore;
import org.shouwang.db.WeatherStore;
import org.shouwang.model.Absence;
import org.shouwang.model.Addresses;
import org.shouwang.model.Elder;
import org.shouwang.model.Json;
import org.shouwang.model.RuleThresholdOverride.Scope;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.WeatherModeChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules' settings in the console (issue 4): thresholds for the district, a street or one elder,
 * extreme-weather mode with its history, and elders' absences. JDBC runs on worker threads; every change
 * is announced on {@link Addresses#RULES_CHANGED}, so the rules apply it without a restart. The acting
 * person is the signed-in one; the body's {@code actor} counts only where no one is signed in.
 */
final class RulesApi {

    private static final Logger LOG = LoggerFactory.getLogger(RulesApi.class);
    private static final int REASON_TEXT = 50;
    private static final Duration LONGEST_ABSENCE = Duration.ofDays(366);
    /** Staff enter local times: Gusu is in Asia/Shanghai. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Vertx vertx;
    private final RuleThresholdStore thresholds;
    private final WeatherStore weather;
    private final AbsenceStore absences;
    private final RegistryStore registry;
    private final StreetStore streets;
    /** The configured defaults under the overrides, as the engine layers them. */
    private final EffectiveRules rules;
    private final Clock clock;

    RulesApi(Vertx vertx, Stores stores, EffectiveRules rules, Clock clock) {
        this.vertx = vertx;
        this.thresholds = stores.thresholds();
        this.weather = stores.weather();
        this.absences = stores.absences();
        this.registry = stores.registry();
        this.streets = stores.streets();
        this.rules = rules;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/rules/thresholds").handler(this::getThresholds);
        router.put("/api/rules/thresholds").handler(this::putThresholds);
        router.get("/api/weather").handler(this::getWeather);
        router.post("/api/weather").handler(this::switchWeather);
        router.get("/api/weather/history").handler(this::weatherHistory);
        router.get("/api/elders/:id/absences").handler(this::listAbsences);
        router.post("/api/elders/:id/absences").handler(this::addAbsence);
        router.delete("/api/absences/:id").handler(this::deleteAbsence);
    }

    // ---- thresholds ---------------------------------------------------------------------------------

    /** Where a threshold request applies: {@code ?street=}, {@code ?elderId=} or (neither) the district. */
    private record Target(Scope scope, String street, Long elderId) {
    }

    private void getThresholds(RoutingContext ctx) {
        Target target = target(ctx);
        Replies.blocking(vertx, ctx, 200, () -> thresholdView(resolve(target)));
    }

    private void putThresholds(RoutingContext ctx) {
        Target target = target(ctx);
        JsonObject body = Forms.parse(ctx.body().buffer());
        RuleThresholds set = parseThresholds(body);
        String actor = actor(ctx, body);
        Replies.blocking(vertx, ctx, 200, () -> {
            Target t = resolve(target);
            RuleThresholds effective = effective(t, set);
            if (effective.noWaterWindowExtreme().compareTo(effective.noWaterWindow()) > 0) {
                throw ApiError.badField("noWaterWindowExtreme", "极端天气下的未用水时长（noWaterWindowExtreme）不能长于平时的（noWaterWindow）");
            }
            thresholds.put(t.scope(), t.street(), t.elderId(), set, actor, clock.instant());
            LOG.info("rule thresholds set [scope: {}, street: {}, elder: {}, fields: {}]", t.scope(), t.street(),
                    t.elderId(), body.fieldNames().size());
            announce("thresholds");
            return thresholdView(t);
        });
    }

    private Target target(RoutingContext ctx) {
        String street = blankToNull(ctx.request().getParam("street"));
        String elder = blankToNull(ctx.request().getParam("elderId"));
        if (street != null && elder != null) {
            throw ApiError.badRequest("街道（street）和老人编号（elderId）只能指定其一");
        }
        if (elder != null) {
            return new Target(Scope.ELDER, null, Forms.id(elder, "老人编号（elderId）"));
        }
        return street != null ? new Target(Scope.STREET, street, null) : new Target(Scope.DISTRICT, null, null);
    }

    /** Checks the target exists (on a worker thread): a known street, an elder in the registry. */
    private Target resolve(Target t) {
        if (t.scope() == Scope.STREET) {
            knownStreet(t.street());
        } else if (t.scope() == Scope.ELDER) {
            registry.findElder(t.elderId()).orElseThrow(() -> ApiError.notFound("老人不存在"));
        }
        return t;
    }

    /** Every field of the body must be a threshold (or the actor); null means "not set here". */
    private static RuleThresholds parseThresholds(JsonObject body) {
        Map<String, Object> values = new HashMap<>();
        for (String field : body.fieldNames()) {
            if ("actor".equals(field)) {
                continue;
            }
            if (!RuleThresholds.FIELDS.contains(field)) {
                throw ApiError.badField(field, "未知的阈值项（" + field + "），可设置：" + String.join("、", RuleThresholds.FIELDS));
            }
            Object value = value(field, body.getValue(field));
            String problem = RuleThresholds.check(field, value);
            if (problem != null) {
                throw ApiError.badField(field, field + " " + problem);
            }
            values.put(field, value);
        }
        return new RuleThresholds((Duration) values.get("noWaterWindow"), (Duration) values.get("noWaterWindowExtreme"),
                (Double) values.get("noWaterMinLiters"), (Duration) values.get("continuousFlow"),
                (Double) values.get("continuousFlowMinLpm"), (Double) values.get("highUseLiters"),
                (Duration) values.get("meterReportInterval"), (Duration) values.get("buttonHeartbeat"),
                (Integer) values.get("lowBatteryPercent"), (Duration) values.get("meterAlarmQuiet"),
                (Double) values.get("routineSensitivity"), (Duration) values.get("routineFloor"));
    }

    private static Object value(String field, Object raw) {
        if (raw == null) {
            return null;
        }
        if (field.equals("lowBatteryPercent")) {
            if (raw instanceof Integer || raw instanceof Long) {
                return ((Number) raw).intValue();
            }
            throw ApiError.badField(field, field + " 须为整数");
        }
        if (field.equals("noWaterMinLiters") || field.equals("continuousFlowMinLpm") || field.equals("highUseLiters")
                || field.equals("routineSensitivity")) {
            if (raw instanceof Number n) {
                return n.doubleValue();
            }
            throw ApiError.badField(field, field + " 须为数字");
        }
        try {
            return Duration.parse((String) raw);
        } catch (ClassCastException | DateTimeParseException e) {
            throw ApiError.badField(field, field + " 须为 ISO-8601 时长，如 PT24H、PT30M");
        }
    }

    /** Configuration defaults, then district, street and elder, with {@code set} in place of the target's own. */
    private RuleThresholds effective(Target t, RuleThresholds set) {
        RuleThresholds district = t.scope() == Scope.DISTRICT ? set : own(Scope.DISTRICT, null, null);
        String street = t.scope() == Scope.ELDER ? registry.findElder(t.elderId()).map(Elder::street).orElse(null) : t.street();
        RuleThresholds ofStreet = street == null ? null : t.scope() == Scope.STREET ? set : own(Scope.STREET, street, null);
        return rules.layered(district, ofStreet, t.scope() == Scope.ELDER ? set : null);
    }

    private RuleThresholds own(Scope scope, String street, Long elderId) {
        return rules.own(scope, street, elderId);
    }

    private JsonObject thresholdView(Target t) {
        RuleThresholds own = own(t.scope(), t.street(), t.elderId());
        JsonObject view = new JsonObject().put("scope", t.scope().name()).put("street", t.street())
                .put("elderId", t.elderId()).put("defaults", json(rules.defaults())).put("override", json(own))
                .put("effective", json(effective(t, own)));
        thresholds.find(t.scope(), t.street(), t.elderId())
                .ifPresent(o -> view.put("updatedAt", o.updatedAt().toString()).put("updatedBy", o.updatedBy()));
        if (t.scope() == Scope.DISTRICT) {
            JsonArray others = new JsonArray();
            thresholds.all().stream().filter(o -> o.scope() == Scope.STREET).forEach(o -> others.add(new JsonObject()
                    .put("street", o.street()).put("override", json(o.thresholds()))
                    .put("updatedAt", o.updatedAt().toString()).put("updatedBy", o.updatedBy())));
            view.put("streets", others);
        }
        return view;
    }

    // ---- extreme weather ----------------------------------------------------------------------------

    private void getWeather(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, 200, this::weatherView);
    }

    private void switchWeather(RoutingContext ctx) {
        JsonObject body = Forms.parse(ctx.body().buffer());
        String street = Forms.optional(body, "street", "街道", 50);
        if (!(body.getValue("on") instanceof Boolean on)) {
            throw ApiError.badField("on", "开关（on）须为 true 或 false");
        }
        String actor = actor(ctx, body);
        Replies.blocking(vertx, ctx, 201, () -> {
            if (street != null) {
                knownStreet(street);
            }
            WeatherModeChange change = weather.switchMode(street, on, actor, clock.instant());
            LOG.info("extreme weather switched [street: {}, on: {}]", street == null ? "district-wide" : street, on);
            announce("weather");
            return weatherView().put("change", weatherChange(change));
        });
    }

    private void weatherHistory(RoutingContext ctx) {
        int limit = Forms.limit(ctx.request().getParam("limit"), 100, 1000);
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray rows = new JsonArray();
            weather.history(limit).forEach(c -> rows.add(weatherChange(c)));
            return rows;
        });
    }

    /** The district-wide switch and, for every street, its own switch and whether the mode applies there. */
    private JsonObject weatherView() {
        List<WeatherModeChange> current = weather.current();
        WeatherModeChange district = current.stream().filter(WeatherModeChange::districtWide).findFirst().orElse(null);
        boolean districtOn = district != null && district.on();
        JsonArray byStreet = new JsonArray();
        for (String street : streets.streets()) {
            WeatherModeChange own = current.stream().filter(c -> street.equals(c.street())).findFirst().orElse(null);
            byStreet.add(new JsonObject().put("street", street).put("on", own != null && own.on())
                    .put("inForce", districtOn || (own != null && own.on()))
                    .put("changedAt", own == null ? null : own.at().toString()).put("changedBy", own == null ? null : own.actor()));
        }
        return new JsonObject().put("district", new JsonObject().put("on", districtOn)
                        .put("changedAt", district == null ? null : district.at().toString())
                        .put("changedBy", district == null ? null : district.actor()))
                .put("streets", byStreet);
    }

    private static JsonObject weatherChange(WeatherModeChange c) {
        return new JsonObject().put("id", c.id()).put("street", c.street())
                .put("scopeLabel", c.districtWide() ? "全区" : c.street()).put("on", c.on())
                .put("at", c.at().toString()).put("actor", c.actor());
    }

    // ---- absences -----------------------------------------------------------------------------------

    private void listAbsences(RoutingContext ctx) {
        long elderId = Forms.id(ctx.pathParam("id"), "老人编号");
        Replies.blocking(vertx, ctx, 200, () -> {
            existingElder(elderId);
            JsonArray rows = new JsonArray();
            absences.ofElder(elderId).forEach(a -> rows.add(absence(a)));
            return rows;
        });
    }

    private void addAbsence(RoutingContext ctx) {
        long elderId = Forms.id(ctx.pathParam("id"), "老人编号");
        JsonObject body = Forms.parse(ctx.body().buffer());
        Instant from = instant(body, "from", "开始时间", false);
        Instant to = instant(body, "to", "结束时间", true);
        if (!to.isAfter(from)) {
            throw ApiError.badField("to", "结束时间（to）须晚于开始时间（from）");
        }
        if (Duration.between(from, to).compareTo(LONGEST_ABSENCE) > 0) {
            throw ApiError.badField("to", "外出时间不能超过一年，请分段登记");
        }
        String reason = Forms.required(body, "reason", "原因", REASON_TEXT);
        String actor = actor(ctx, body);
        Replies.blocking(vertx, ctx, 201, () -> {
            existingElder(elderId);
            Absence added = absences.add(elderId, from, to, reason, actor, clock.instant());
            LOG.info("absence recorded [elder: {}, absence: {}]", elderId, added.id());
            announce("absence");
            return absence(added);
        });
    }

    private void deleteAbsence(RoutingContext ctx) {
        long id = Forms.id(ctx.pathParam("id"), "请假记录编号");
        String actor = actor(ctx, Forms.parse(ctx.body() == null ? null : ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 200, () -> {
            Absence deleted = absences.delete(id, actor, clock.instant())
                    .orElseThrow(() -> ApiError.notFound("请假记录不存在"));
            LOG.info("absence deleted [elder: {}, absence: {}]", deleted.elderId(), id);
            announce("absence");
            return absence(deleted);
        });
    }

    /**
     * An ISO-8601 time with offset; a local date-time or a date (a date picker's value) is read in
     * Asia/Shanghai, a date as the start of that day or, for an end, the start of the next: "from the 20th
     * to the 22nd" includes the 22nd.
     */
    private static Instant instant(JsonObject body, String key, String label, boolean end) {
        String raw = Forms.required(body, key, label, 40);
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(raw).atZone(ZONE).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    LocalDate day = LocalDate.parse(raw);
                    return (end ? day.plusDays(1) : day).atStartOfDay(ZONE).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw ApiError.badField(key, label + "（" + key + "）须为 ISO-8601 日期或时间，如 2025-07-20 或 2025-07-20T08:00:00+08:00");
                }
            }
        }
    }

    private static JsonObject absence(Absence a) {
        return new JsonObject().put("id", a.id()).put("elderId", a.elderId()).put("from", a.from().toString())
                .put("to", a.to().toString()).put("reason", a.reason()).put("createdAt", a.createdAt().toString())
                .put("createdBy", a.createdBy());
    }

    // ---- shared -------------------------------------------------------------------------------------

    private void existingElder(long id) {
        registry.findElder(id).orElseThrow(() -> ApiError.notFound("老人不存在"));
    }

    private void knownStreet(String street) {
        if (!streets.streets().contains(street)) {
            throw ApiError.badField("street", "街道（street）不是姑苏区的街道");
        }
    }

    /** Tells the rules to reload their context. */
    private void announce(String what) {
        vertx.eventBus().publish(Addresses.RULES_CHANGED, new JsonObject().put("what", what).encode());
    }

    /** The signed-in person; without a session (a route mounted for tools), the body's actor or the duty officer. */
    private static String actor(RoutingContext ctx, JsonObject body) {
        try {
            return Staff.of(ctx).name();
        } catch (IllegalStateException notSignedIn) {
            return Forms.actor(body);
        }
    }

    private static JsonObject json(RuleThresholds t) {
        return new JsonObject(Json.write(t));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
