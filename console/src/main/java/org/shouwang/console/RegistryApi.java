package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.shouwang.db.AccountRole;
import org.shouwang.db.DataAccessException;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.StreetStore;
import org.shouwang.model.CareContact;
import org.shouwang.model.Elder;
import org.shouwang.model.ElderFacts;
import org.shouwang.model.ElderProfile;
import org.shouwang.model.ResidentId;
import org.shouwang.notifier.ProviderDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry in the console: search, view (audited), add, edit and deactivate elders and their care
 * contacts; the audited reveal of a masked value ({@link DeviceApi} has the devices). Routes that name
 * a record are scope-checked by {@link ScopeGuard} before they get here; lists are filtered in SQL.
 */
final class RegistryApi {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryApi.class);
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final RegistryStore registry;
    private final StreetStore streets;
    private final ConsoleQueries queries;
    private final RegistryEdits edits;
    private final Audit audit;
    private final ProviderDirectory directory;
    private final Clock clock;

    RegistryApi(Vertx vertx, RegistryStore registry, StreetStore streets, ConsoleQueries queries, RegistryEdits edits,
                Audit audit, ProviderDirectory directory, Clock clock) {
        this.directory = directory;
        this.vertx = vertx;
        this.registry = registry;
        this.streets = streets;
        this.queries = queries;
        this.edits = edits;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/streets").handler(this::streets);
        router.post("/api/elders").handler(this::createElder);
        router.get("/api/elders").handler(this::listElders);
        router.get("/api/elders/:id").handler(this::elder);
        router.put("/api/elders/:id").handler(this::updateElder);
        router.post("/api/elders/:id/deactivate").handler(this::deactivateElder);
        router.post("/api/elders/:id/reveal").handler(this::reveal);
        router.get("/api/elders/:id/audit").handler(this::auditOfElder);
        router.post("/api/elders/:id/contacts").handler(this::addContact);
        router.put("/api/contacts/:id").handler(this::updateContact);
        router.post("/api/contacts/:id/retire").handler(this::retireContact);
    }

    /** The streets and communities the person may choose from when registering an elder. */
    private void streets(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray rows = new JsonArray();
            for (String street : streets.streets()) {
                if (staff.role() != AccountRole.DISTRICT && !street.equals(staff.account().street())) {
                    continue;
                }
                JsonArray communities = new JsonArray();
                streets.communities(street).stream().map(c -> c.name())
                        .filter(c -> staff.account().covers(street, c)).forEach(communities::add);
                if (staff.role() == AccountRole.COMMUNITY_WORKER) {
                    staff.account().communities().stream().filter(c -> !communities.contains(c)).forEach(communities::add);
                }
                rows.add(new JsonObject().put("name", street).put("communities", communities));
            }
            return rows;
        });
    }

    private void createElder(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        LocalDate today = today();
        Forms.ElderInput input = Forms.elder(Forms.parse(ctx.body().buffer()), today);
        staff.requireScope(input.elder());
        Replies.blocking(vertx, ctx, 201, () -> {
            Elder created;
            try {
                created = registry.createElder(input.elder(), input.facts());
            } catch (DataAccessException e) {
                // The ID number is the elder table's only unique column.
                throw e.isUniqueViolation() ? ApiError.conflict("该身份证号已登记") : e;
            }
            audit.record(staff, Audit.CREATE_ELDER, "elder", created.id(), created.id(), null);
            LOG.info("elder registered [elder: {}]", created.id());
            return registry.profile(created.id(), today).map(p -> profile(p, staff.disclosure()))
                    .orElseGet(() -> Views.elder(created, staff.disclosure()));
        });
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ResidentId.ZONE));
    }

    /** Search within the scope; phones are masked in lists whatever the role (no call starts from a list). */
    private void listElders(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        int limit = Forms.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        String q = ctx.request().getParam("q");
        boolean inactive = "true".equals(ctx.request().getParam("inactive"));
        Disclosure list = new Disclosure(false, staff.disclosure().addresses());
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray rows = new JsonArray();
            queries.searchElders(staff.account(), q == null ? "" : q.strip(), inactive, limit)
                    .forEach(e -> rows.add(Views.elder(e, list)));
            return rows;
        });
    }

    private void elder(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        long id = ScopeGuard.elder(ctx).id();
        Replies.blocking(vertx, ctx, 200, () -> {
            ElderProfile p = registry.profile(id, today()).orElseThrow(() -> ApiError.notFound("老人不存在"));
            audit.record(staff, Audit.VIEW_ELDER, "elder", id, id, null);
            return profile(p, staff.disclosure());
        });
    }

    JsonObject profile(ElderProfile p, Disclosure d) {
        Instant now = clock.instant();
        ElderFacts f = p.facts();
        JsonArray contacts = new JsonArray();
        p.careTeam().forEach(c -> contacts.add(Views.contact(c, d, directory)));
        JsonArray devices = new JsonArray();
        queries.devicesOf(p.elder().id()).forEach(dev -> devices.add(Views.deviceRow(dev, now)));
        JsonArray incidents = new JsonArray();
        queries.activeIncidentsOf(p.elder().id()).forEach(r -> incidents.add(Views.incident(r.incident())));
        return Views.elder(p.elder(), d)
                .put("age", p.age())
                .put("sex", f.sex() == null ? null : f.sex().label())
                .put("category", f.category() == null ? null : f.category().label())
                .put("childrenLocation", f.childrenLocation() == null ? null : f.childrenLocation().label())
                .put("lowIncomeDisabled", f.lowIncomeDisabled())
                .put("keyElder", p.isKeyElder())
                .put("keyElderBasis", p.keyElderBasis() == null ? null : p.keyElderBasis().label())
                .put("agreementSignedOn", f.agreementSignedOn() == null ? null : f.agreementSignedOn().toString())
                .put("contacts", contacts)
                .put("devices", devices)
                .put("incidents", incidents);
    }

    private void updateElder(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder current = ScopeGuard.elder(ctx);
        LocalDate today = today();
        // The ID number stays as registered; the rest of the form must be complete and well formed.
        JsonObject form = Forms.parse(ctx.body().buffer());
        // A field the form did not send keeps its stored value: a masked phone or address is never shown to
        // the editor, so never sent back, and an edit must not erase it.
        if (!form.containsKey("phone")) {
            form.put("phone", current.phone());
        }
        if (!form.containsKey("address")) {
            form.put("address", current.address());
        }
        Forms.ElderInput input = Forms.elderEdit(form, current.idNumber(), today);
        staff.requireScope(input.elder());
        Replies.blocking(vertx, ctx, 200, () -> {
            ElderFacts before = registry.profile(current.id(), today).map(ElderProfile::facts).orElse(null);
            Elder updated = edits.updateElder(current.id(), input.elder(), input.facts())
                    .orElseThrow(() -> ApiError.notFound("老人不存在"));
            audit.record(staff, Audit.UPDATE_ELDER, "elder", current.id(), current.id(),
                    changed(current, updated, before, input.facts()));
            return registry.profile(updated.id(), today).map(p -> profile(p, staff.disclosure()))
                    .orElseGet(() -> Views.elder(updated, staff.disclosure()));
        });
    }

    /** Which fields changed, by name only: the audit log never holds the values. */
    private static String changed(Elder before, Elder after, ElderFacts factsBefore, ElderFacts factsAfter) {
        StringBuilder s = new StringBuilder();
        if (!before.name().equals(after.name())) {
            s.append("姓名 ");
        }
        if (!before.street().equals(after.street()) || !before.community().equals(after.community())) {
            s.append("街道/社区 ");
        }
        if (!before.address().equals(after.address())) {
            s.append("住址 ");
        }
        if (!Objects.equals(before.phone(), after.phone())) {
            s.append("联系电话 ");
        }
        if (factsBefore != null) {
            if (factsBefore.category() != factsAfter.category()) {
                s.append("类别 ");
            }
            if (factsBefore.childrenLocation() != factsAfter.childrenLocation()) {
                s.append("子女住处 ");
            }
            if (factsBefore.lowIncomeDisabled() != factsAfter.lowIncomeDisabled()) {
                s.append("低保失能 ");
            }
            if (!Objects.equals(factsBefore.agreementSignedOn(), factsAfter.agreementSignedOn())) {
                s.append("四方协议签订日期 ");
            }
        }
        return s.isEmpty() ? "无变化" : s.toString().strip();
    }

    private void deactivateElder(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        String reason = Forms.required(Forms.parse(ctx.body().buffer()), "reason", "注销原因", 200);
        Replies.blocking(vertx, ctx, 200, () -> {
            if (!registry.deactivateElder(elder.id(), staff.name(), reason)) {
                throw ApiError.conflict("该老人已注销");
            }
            audit.record(staff, Audit.DEACTIVATE_ELDER, "elder", elder.id(), elder.id(), Views.redact(reason));
            LOG.info("elder deactivated [elder: {}]", elder.id());
            return Views.elder(registry.findElder(elder.id()).orElseThrow(), staff.disclosure());
        });
    }

    /** Shows one masked value in clear, for a reason staff can name; every use is in the audit log. */
    private void reveal(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        String field = Forms.required(Forms.parse(ctx.body().buffer()), "field", "字段", 20);
        String label;
        String value;
        switch (field) {
            case "idNumber" -> { label = "身份证号"; value = elder.idNumber(); }
            case "phone" -> { label = "联系电话"; value = elder.phone(); }
            case "address" -> { label = "住址"; value = elder.address(); }
            default -> throw ApiError.badField("field", "字段（field）只能是 idNumber、phone 或 address");
        }
        Replies.blocking(vertx, ctx, 200, () -> {
            audit.record(staff, Audit.REVEAL, "elder", elder.id(), elder.id(), label);
            LOG.info("masked value shown [elder: {}, field: {}, account: {}]", elder.id(), field, staff.account().id());
            return new JsonObject().put("field", field).put("value", value);
        });
    }

    private void auditOfElder(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        staff.requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        long id = ScopeGuard.elder(ctx).id();
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray rows = new JsonArray();
            audit.store().forElder(id, 100).forEach(e -> rows.add(new JsonObject().put("at", e.at().toString())
                    .put("actor", e.actor()).put("action", e.action()).put("detail", Views.redact(e.detail()))));
            return rows;
        });
    }

    private void addContact(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        long elderId = ScopeGuard.elder(ctx).id();
        Forms.ContactInput input = Forms.contact(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 201, () -> {
            CareContact added = registry.addContact(elderId, input.role(), input.name(), input.phone(), input.priority());
            audit.record(staff, Audit.ADD_CONTACT, "contact", added.id(), elderId, added.role().label());
            LOG.info("care contact added [elder: {}, contact: {}, role: {}]", elderId, added.id(), added.role());
            return Views.contact(added, staff.disclosure(), directory);
        });
    }

    private void updateContact(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        long elderId = ScopeGuard.elder(ctx).id();
        long id = Forms.id(ctx.pathParam("id"), "联系人编号");
        Forms.ContactInput input = Forms.contact(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 200, () -> {
            CareContact updated = edits.updateContact(id, input.role(), input.name(), input.phone(), input.priority())
                    .orElseThrow(() -> ApiError.notFound("联系人不存在"));
            audit.record(staff, Audit.UPDATE_CONTACT, "contact", id, elderId, updated.role().label());
            return Views.contact(updated, staff.disclosure(), directory);
        });
    }

    private void retireContact(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        long elderId = ScopeGuard.elder(ctx).id();
        long id = Forms.id(ctx.pathParam("id"), "联系人编号");
        Replies.blocking(vertx, ctx, 200, () -> {
            if (!edits.retireContact(id)) {
                throw ApiError.notFound("联系人不存在");
            }
            audit.record(staff, Audit.RETIRE_CONTACT, "contact", id, elderId, null);
            return new JsonObject().put("id", id).put("retired", true);
        });
    }

}
