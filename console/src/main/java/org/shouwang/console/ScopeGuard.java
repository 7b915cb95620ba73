package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.shouwang.db.AccountRole;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.Jdbc;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Elder;

/**
 * Enforces scope on every route that names one elder, incident, contact, device or absence, before any
 * handler runs: the record is loaded, its elder's street and community checked against the signed-in
 * person's scope, and the request refused with 403 when it lies outside. Mounted once for the path
 * patterns, so a route added later (the rules API's absences, for one) is covered without remembering to.
 */
final class ScopeGuard {

    private static final String ELDER = "shouwang.elder";
    private static final String INCIDENT = "shouwang.incident";
    /** The rules API's absence table (issue 4); an absence is guarded by its elder. */
    static final String ABSENCE_ELDER_SQL = "SELECT elder_id FROM absence WHERE id = ?";
    private static final String UNDEFINED_TABLE = "42P01";

    private final Vertx vertx;
    private final RegistryStore registry;
    private final ConsoleQueries queries;
    private final Jdbc jdbc;

    ScopeGuard(Vertx vertx, RegistryStore registry, ConsoleQueries queries, DataSource ds) {
        this.vertx = vertx;
        this.registry = registry;
        this.queries = queries;
        this.jdbc = new Jdbc(ds);
    }

    /** Mount right after the authenticator, before every API. */
    void mount(Router router) {
        router.route("/api/elders/:id").handler(this::guardElder);
        router.route("/api/elders/:id/*").handler(this::guardElder);
        router.route("/api/incidents/:id").handler(this::guardIncident);
        router.route("/api/incidents/:id/*").handler(this::guardIncident);
        router.route("/api/contacts/:id").handler(this::guardContact);
        router.route("/api/contacts/:id/*").handler(this::guardContact);
        router.route("/api/devices/:deviceId").handler(this::guardDevice);
        router.route("/api/devices/:deviceId/*").handler(this::guardDevice);
        router.route("/api/absences/:id").handler(this::guardAbsence);
        router.route("/api/absences/:id/*").handler(this::guardAbsence);
        router.post("/api/weather").handler(this::guardWeather);
        router.put("/api/rules/thresholds").handler(ctx -> {
            Staff.of(ctx).requireRole(AccountRole.DISTRICT);
            ctx.next();
        });
        router.get("/api/rules/thresholds").handler(this::guardThresholdTarget);
    }

    /** The elder named by the path, already checked against the scope. */
    static Elder elder(RoutingContext ctx) {
        return ctx.get(ELDER);
    }

    /** The incident row named by the path, already checked against the scope. */
    static ConsoleQueries.QueueRow incident(RoutingContext ctx) {
        return ctx.get(INCIDENT);
    }

    private void guardElder(RoutingContext ctx) {
        long id = Forms.id(ctx.pathParam("id"), "老人编号");
        check(ctx, () -> {
            Elder e = registry.findElder(id).orElseThrow(() -> ApiError.notFound("老人不存在"));
            Staff.of(ctx).requireScope(e);
            return e;
        }, ELDER);
    }

    private void guardIncident(RoutingContext ctx) {
        if ("stream".equals(ctx.pathParam("id"))) {
            ctx.next();
            return;
        }
        long id = Forms.id(ctx.pathParam("id"), "事件编号");
        check(ctx, () -> {
            ConsoleQueries.QueueRow row = queries.incident(id).orElseThrow(() -> ApiError.notFound("事件不存在"));
            Staff.of(ctx).requireScope(row.elder());
            return row;
        }, INCIDENT);
    }

    private void guardContact(RoutingContext ctx) {
        long id = Forms.id(ctx.pathParam("id"), "联系人编号");
        check(ctx, () -> {
            long elderId = jdbc.one("SELECT elder_id FROM care_contact WHERE id = ? AND retired_at IS NULL",
                    rs -> rs.getLong(1), id).orElseThrow(() -> ApiError.notFound("联系人不存在"));
            return scopedElder(ctx, elderId);
        }, ELDER);
    }

    private void guardDevice(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        check(ctx, () -> {
            long elderId = registry.findDevice(deviceId).orElseThrow(() -> ApiError.notFound("设备不存在")).elderId();
            return scopedElder(ctx, elderId);
        }, ELDER);
    }

    private void guardAbsence(RoutingContext ctx) {
        long id = Forms.id(ctx.pathParam("id"), "请假记录编号");
        check(ctx, () -> {
            Optional<Long> elderId;
            try {
                elderId = jdbc.one(ABSENCE_ELDER_SQL, rs -> rs.getLong(1), id);
            } catch (DataAccessException e) {
                if (!UNDEFINED_TABLE.equals(e.sqlState())) {
                    throw e;
                }
                // Fail closed: without the table no absence can be placed in a scope.
                throw ApiError.notFound("请假记录不存在");
            }
            return scopedElder(ctx, elderId.orElseThrow(() -> ApiError.notFound("请假记录不存在")));
        }, ELDER);
    }

    /**
     * Extreme-weather mode is switched for a street (the body names it) or for the whole district (it
     * names none): street staff for their street, district staff for any; community workers not at all.
     */
    private void guardWeather(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        JsonObject body = Forms.parse(ctx.body().buffer());
        String street = body.getValue("street") instanceof String s && !s.isBlank() ? s.strip() : null;
        if (street == null ? staff.role() != AccountRole.DISTRICT : !staff.account().coversStreet(street)) {
            throw ApiError.forbidden("您只能切换本街道的极端天气模式");
        }
        ctx.next();
    }

    /** Reading one elder's or one street's thresholds is limited to the scope like everything else of theirs. */
    private void guardThresholdTarget(RoutingContext ctx) {
        String elderId = ctx.request().getParam("elderId");
        String street = ctx.request().getParam("street");
        if (elderId != null && !elderId.isBlank()) {
            long id = Forms.id(elderId.strip(), "老人编号（elderId）");
            check(ctx, () -> scopedElder(ctx, id), ELDER);
            return;
        }
        Staff staff = Staff.of(ctx);
        if (street != null && !street.isBlank() && staff.role() != AccountRole.DISTRICT
                && !street.strip().equals(staff.account().street())) {
            throw ApiError.forbidden("您只能查看本街道的规则阈值");
        }
        ctx.next();
    }

    private Elder scopedElder(RoutingContext ctx, long elderId) {
        Elder e = registry.findElder(elderId).orElseThrow(() -> ApiError.notFound("老人不存在"));
        Staff.of(ctx).requireScope(e);
        return e;
    }

    private void check(RoutingContext ctx, Callable<Object> load, String key) {
        vertx.executeBlocking(load, false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ctx.put(key, done.result());
            ctx.next();
        });
    }
}
