package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.Device;
import org.shouwang.model.Elder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as far as the first slice needs it: register elders, their care contacts and their
 * devices, and read them back masked. Issue 3 brings the roster import and the full ID check.
 */
final class RegistryApi {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApi.class);
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final RegistryStore registry;

    RegistryApi(Vertx vertx, RegistryStore registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    void mount(Router router) {
        router.post("/api/elders").handler(this::createElder);
        router.get("/api/elders").handler(this::listElders);
        router.get("/api/elders/:id").handler(this::elder);
        router.post("/api/elders/:id/contacts").handler(this::addContact);
        router.post("/api/devices").handler(this::addDevice);
        router.get("/api/devices").handler(this::devices);
    }

    private void createElder(RoutingContext ctx) {
        Elder input = Forms.elder(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 201, () -> {
            Elder created;
            try {
                created = registry.createElder(input);
            } catch (DataAccessException e) {
                // The ID number is the elder table's only unique column.
                throw e.isUniqueViolation() ? ApiError.conflict("该身份证号已登记") : e;
            }
            LOG.info("elder registered [elder: {}]", created.id());
            return Views.elder(created);
        });
    }

    private void listElders(RoutingContext ctx) {
        int limit = Forms.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray rows = new JsonArray();
            registry.listElders(limit).forEach(e -> rows.add(Views.elder(e)));
            return rows;
        });
    }

    private void elder(RoutingContext ctx) {
        long id = Forms.id(ctx.pathParam("id"), "老人编号");
        Replies.blocking(vertx, ctx, 200, () -> {
            Elder elder = existingElder(id);
            JsonArray contacts = new JsonArray();
            registry.contacts(id).forEach(c -> contacts.add(Views.contact(c)));
            return Views.elder(elder).put("contacts", contacts).put("devices", devicesOf(id));
        });
    }

    private void addContact(RoutingContext ctx) {
        long elderId = Forms.id(ctx.pathParam("id"), "老人编号");
        Forms.ContactInput input = Forms.contact(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 201, () -> {
            existingElder(elderId);
            CareContact added = registry.addContact(elderId, input.role(), input.name(), input.phone(), input.priority());
            LOG.info("care contact added [elder: {}, contact: {}, role: {}]", elderId, added.id(), added.role());
            return Views.contact(added);
        });
    }

    private void addDevice(RoutingContext ctx) {
        Forms.DeviceInput input = Forms.device(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 201, () -> {
            existingElder(input.elderId());
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
            LOG.info("device installed [device: {}, kind: {}, elder: {}]", added.deviceId(), added.kind(), added.elderId());
            return Views.device(added);
        });
    }

    private void devices(RoutingContext ctx) {
        String raw = ctx.request().getParam("elderId");
        if (raw == null || raw.isBlank()) {
            throw ApiError.badField("elderId", "老人编号（elderId）不能为空");
        }
        long elderId = Forms.id(raw, "老人编号（elderId）");
        Replies.blocking(vertx, ctx, 200, () -> {
            existingElder(elderId);
            return devicesOf(elderId);
        });
    }

    private JsonArray devicesOf(long elderId) {
        JsonArray rows = new JsonArray();
        registry.devices(elderId).forEach(d -> rows.add(Views.device(d)));
        return rows;
    }

    private Elder existingElder(long id) {
        return registry.findElder(id).orElseThrow(() -> ApiError.notFound("老人不存在"));
    }

    private static ApiError deviceExists() {
        return ApiError.conflict("该设备编号已登记");
    }
}
