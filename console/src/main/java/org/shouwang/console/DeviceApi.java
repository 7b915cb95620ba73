package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Device;
import org.shouwang.model.Elder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices in the console: install one in an elder's home, take it out of service or back, one elder's
 * devices, and the device-health list of the person's scope for maintenance. Audited.
 */
final class DeviceApi {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceApi.class);
    private static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final RegistryStore registry;
    private final ConsoleQueries queries;
    private final RegistryEdits edits;
    private final Audit audit;
    private final Clock clock;

    DeviceApi(Vertx vertx, RegistryStore registry, ConsoleQueries queries, RegistryEdits edits, Audit audit,
              Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.queries = queries;
        this.edits = edits;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.post("/api/devices").handler(this::addDevice);
        router.get("/api/devices").handler(this::devices);
        router.post("/api/devices/:deviceId/active").handler(this::setDeviceActive);
    }

    private void addDevice(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Forms.DeviceInput input = Forms.device(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 201, () -> {
            Elder elder = registry.findElder(input.elderId()).orElseThrow(() -> ApiError.notFound("老人不存在"));
            staff.requireScope(elder);
            if (registry.findDevice(input.deviceId()).isPresent()) {
                throw deviceExists();
            }
            Device added;
            try {
                added = registry.addDevice(input.deviceId(), input.kind(), input.elderId());
            } catch (DataAccessException e) {
                // Someone registered the same id between our look-up and the insert.
                throw e.isUniqueViolation() ? deviceExists() : e;
            }
            audit.record(staff, Audit.ADD_DEVICE, "device", added.deviceId(), elder.id(), added.kind().name());
            LOG.info("device installed [device: {}, kind: {}, elder: {}]", added.deviceId(), added.kind(), added.elderId());
            return Views.device(added);
        });
    }

    /** One elder's devices ({@code ?elderId=}), or the device-health list of the scope ({@code ?problems=true}). */
    private void devices(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        String raw = ctx.request().getParam("elderId");
        boolean problemsOnly = "true".equals(ctx.request().getParam("problems"));
        int limit = Forms.limit(ctx.request().getParam("limit"), MAX_LIMIT, 5000);
        Long elderId = raw == null || raw.isBlank() ? null : Forms.id(raw, "老人编号（elderId）");
        Replies.blocking(vertx, ctx, 200, () -> {
            Instant now = clock.instant();
            List<ConsoleQueries.DeviceRow> rows;
            if (elderId != null) {
                Elder elder = registry.findElder(elderId).orElseThrow(() -> ApiError.notFound("老人不存在"));
                staff.requireScope(elder);
                rows = queries.devicesOf(elderId);
            } else {
                rows = queries.devices(staff.account(), false, limit);
            }
            JsonArray out = new JsonArray();
            rows.stream().map(d -> Views.deviceRow(d, now))
                    .filter(d -> !problemsOnly || !d.getJsonArray("problems").isEmpty())
                    .forEach(out::add);
            return out;
        });
    }

    private void setDeviceActive(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        long elderId = ScopeGuard.elder(ctx).id();
        String deviceId = ctx.pathParam("deviceId");
        Object raw = Forms.parse(ctx.body().buffer()).getValue("active");
        if (!(raw instanceof Boolean active)) {
            throw ApiError.badField("active", "启用状态（active）必须是 true 或 false");
        }
        Replies.blocking(vertx, ctx, 200, () -> {
            edits.setDeviceActive(deviceId, active);
            audit.record(staff, Audit.SET_DEVICE_ACTIVE, "device", deviceId, elderId, active ? "启用" : "停用");
            LOG.info("device {} [device: {}]", active ? "activated" : "deactivated", deviceId);
            return Views.device(registry.findDevice(deviceId).orElseThrow());
        });
    }

    private static ApiError deviceExists() {
        return ApiError.conflict("该设备编号已登记");
    }
}
