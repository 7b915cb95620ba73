package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.shouwang.care.DutyPolicy;
import org.shouwang.care.Frequency;
import org.shouwang.db.AccountRole;
import org.shouwang.db.CareStore;
import org.shouwang.db.StreetStore;
import org.shouwang.model.care.DutyRole;

/**
 * A street's own contact frequencies (the policy allows more, never less in spirit; the platform takes what the
 * street sets): {@code GET /api/care/duty-settings?street=} shows each role's frequency and whether it is the
 * policy's or the street's; {@code PUT} sets one role's. Street staff for their street, district staff for any;
 * community workers read their street's. Every change is audited.
 */
final class DutySettingsApi {

    private final Vertx vertx;
    private final CareStore care;
    private final StreetStore streets;
    private final Audit audit;
    private final Clock clock;

    DutySettingsApi(Vertx vertx, CareStore care, StreetStore streets, Audit audit, Clock clock) {
        this.vertx = vertx;
        this.care = care;
        this.streets = streets;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/care/duty-settings").handler(this::list);
        router.put("/api/care/duty-settings").handler(this::put);
    }

    private void list(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        String street = CareForms.param(ctx, "street");
        street = street != null ? street : staff.account().street();
        if (street == null) {
            throw ApiError.badField("street", "请指定街道（street）");
        }
        if (!staff.account().coversStreet(street) && !street.equals(staff.account().street())) {
            throw ApiError.forbidden("您只能查看本街道的联系频次");
        }
        String chosen = street;
        Replies.blocking(vertx, ctx, 200, () -> {
            DutyPolicy policy = DutyPolicy.of(care.dutySettings());
            JsonArray roles = new JsonArray();
            for (DutyRole role : DutyRole.values()) {
                Frequency f = policy.normal(chosen, role);
                roles.add(new JsonObject().put("role", role.name()).put("roleLabel", role.label())
                        .put("contacts", f.contacts()).put("period", f.period().name()).put("label", f.label())
                        .put("source", policy.streets().getOrDefault(chosen, Map.of()).containsKey(role)
                                ? "STREET" : "POLICY"));
            }
            return new JsonObject().put("street", chosen).put("roles", roles)
                    .put("extremeWeather", DutyPolicy.EXTREME_WEATHER.label());
        });
    }

    private void put(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        JsonObject body = Forms.parse(ctx.body().buffer());
        String street = Forms.required(body, "street", "街道", 50);
        if (!staff.account().coversStreet(street)) {
            throw ApiError.forbidden("您只能设置本街道的联系频次");
        }
        DutyRole role = parse(DutyRole.class, body.getValue("role"), "role", "角色（role）只能是 COMMUNITY_WORKER、"
                + "NEIGHBOUR_VOLUNTEER 或 HOME_CARE_ORG");
        Frequency.Period period = parse(Frequency.Period.class, body.getValue("period"), "period",
                "周期（period）只能是 DAY 或 WEEK");
        Frequency frequency;
        try {
            frequency = new Frequency(body.getValue("contacts") instanceof Number n ? n.intValue() : 0, period);
        } catch (IllegalArgumentException e) {
            throw ApiError.badField("contacts", "次数（contacts）应为 1 到 14");
        }
        Replies.blocking(vertx, ctx, 200, () -> {
            if (!streets.streets().contains(street)) {
                throw ApiError.notFound("街道不存在");
            }
            care.putDutySetting(street, role, frequency.contacts(), period.name(), staff.name(), clock.instant());
            audit.record(staff, Audit.DUTY_SETTING, "street", street, null, role.label() + " " + frequency.label());
            return new JsonObject().put("street", street).put("role", role.name())
                    .put("contacts", frequency.contacts()).put("period", period.name()).put("label", frequency.label());
        });
    }

    private static <E extends Enum<E>> E parse(Class<E> type, Object raw, String field, String message) {
        try {
            return Enum.valueOf(type, String.valueOf(raw).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badField(field, message);
        }
    }
}
