package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.shouwang.care.CareRecords;
import org.shouwang.care.CareScope;
import org.shouwang.care.DutyItem;
import org.shouwang.care.DutyState;
import org.shouwang.db.CareStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Elder;
import org.shouwang.model.ResidentId;
import org.shouwang.model.care.CareRecord;

/**
 * Routine care for the people who do it: the duties due and overdue in one's scope ("今日关爱任务"), an elder's
 * care records (service record cards) and recording one, and the elder's timeline of care records and
 * incidents together. Routes naming an elder are scope-checked by {@link ScopeGuard}; the duty list is narrowed
 * to the caller's {@link CareScope}, and asking for a place outside it is a 403.
 */
final class CareApi {

    /** What GET care-records and the timeline show when no range is asked for: the month the card is kept for. */
    static final int DEFAULT_DAYS = 31;
    private static final Map<DutyState, Integer> URGENCY = Map.of(DutyState.OVERDUE, 0, DutyState.DUE, 1,
            DutyState.MET, 2, DutyState.SUSPENDED, 3, DutyState.UPCOMING, 4);

    private final Vertx vertx;
    private final CareServices care;
    private final CareStore store;
    private final RegistryStore registry;
    private final ConsoleQueries queries;
    private final Audit audit;
    private final Clock clock;

    CareApi(Vertx vertx, CareServices care, CareStore store, RegistryStore registry, ConsoleQueries queries,
            Audit audit, Clock clock) {
        this.audit = audit;
        this.vertx = vertx;
        this.care = care;
        this.store = store;
        this.registry = registry;
        this.queries = queries;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/duties").handler(this::duties);
        router.get("/api/elders/:id/care-records").handler(this::records);
        router.post("/api/elders/:id/care-records").handler(this::record);
        router.get("/api/elders/:id/timeline").handler(this::timeline);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ResidentId.ZONE));
    }

    /**
     * {@code state=due}: periods running on the day and not met; {@code overdue}: periods that ended before it
     * unmet ({@code Duties.overdue}); {@code all} (the default): every period running on the day, met or not,
     * and the overdue ones, most urgent first.
     */
    private void duties(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        String state = CareForms.param(ctx, "state");
        if (state != null && !List.of("due", "overdue", "all").contains(state)) {
            throw ApiError.badField("state", "任务状态（state）只能是 due（待完成）、overdue（已逾期）或 all（全部）");
        }
        LocalDate day = CareForms.day(CareForms.param(ctx, "date"), "date", "日期", today());
        CareScope requested = CareForms.scope(staff, CareForms.param(ctx, "street"), CareForms.param(ctx, "community"));
        String elderParam = CareForms.param(ctx, "elderId");
        Long elderId = elderParam == null ? null : Forms.id(elderParam, "老人编号（elderId）");
        Replies.blocking(vertx, ctx, 200, () -> {
            CareScope scope = requested;
            if (elderId != null) {
                Elder e = registry.findElder(elderId).orElseThrow(() -> ApiError.notFound("老人不存在"));
                staff.requireScope(e);
                scope = CareForms.scope(staff, e.street(), e.community());
            }
            List<DutyItem> items = new ArrayList<>();
            if (!"overdue".equals(state)) {
                care.duties().on(scope, day).stream()
                        .filter(i -> !"due".equals(state) || i.state() == DutyState.DUE).forEach(items::add);
            }
            if (!"due".equals(state)) {
                items.addAll(care.duties().overdue(scope, day));
            }
            if (elderId != null) {
                items.removeIf(i -> i.elderId() != elderId);
            }
            items.sort(Comparator.<DutyItem>comparingInt(i -> URGENCY.get(i.state())).thenComparing(DutyItem::street)
                    .thenComparing(DutyItem::community).thenComparing(DutyItem::elderName)
                    .thenComparingLong(DutyItem::elderId).thenComparing(DutyItem::role).thenComparing(DutyItem::start));
            return new JsonObject().put("date", day.toString()).put("state", state == null ? "all" : state)
                    .put("items", CareViews.duties(items));
        });
    }

    private void records(RoutingContext ctx) {
        Elder elder = ScopeGuard.elder(ctx);
        CareForms.Range range = CareForms.range(CareForms.param(ctx, "from"), CareForms.param(ctx, "to"), today(),
                DEFAULT_DAYS);
        Replies.blocking(vertx, ctx, 200, () -> {
            // Care records hold health needs: who read them is kept, as for the elder's page.
            audit.record(Staff.of(ctx), Audit.VIEW_CARE_RECORDS, "elder", elder.id(), elder.id(), "关爱记录");
            JsonArray out = new JsonArray();
            store.ofElder(elder.id(), range.start(), range.end()).forEach(r -> out.add(CareViews.record(r)));
            return out;
        });
    }

    /** 201 with the new record, or 200 with the one an earlier request with the same key wrote. */
    private void record(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        if (!elder.active()) {
            throw ApiError.conflict("该老人已注销，不能再登记关爱联系");
        }
        CareRecords.Entry entry = CareForms.entry(Forms.parse(ctx.body().buffer()));
        vertx.executeBlocking(() -> {
            try {
                return care.records().byStaff(staff.account(), elder, entry);
            } catch (CareRecords.Refused e) {
                throw ApiError.badRequest(e.getMessage());
            }
        }, false).onSuccess(w -> Replies.json(ctx, w.created() ? 201 : 200,
                CareViews.record(w.record()).put("created", w.created()))).onFailure(ctx::fail);
    }

    /** Care records and incidents of the elder in one list, newest first. */
    private void timeline(RoutingContext ctx) {
        Elder elder = ScopeGuard.elder(ctx);
        CareForms.Range range = CareForms.range(CareForms.param(ctx, "from"), CareForms.param(ctx, "to"), today(),
                DEFAULT_DAYS);
        Replies.blocking(vertx, ctx, 200, () -> {
            audit.record(Staff.of(ctx), Audit.VIEW_CARE_RECORDS, "elder", elder.id(), elder.id(), "关爱与事件时间线");
            List<JsonObject> entries = new ArrayList<>();
            for (CareRecord r : store.ofElder(elder.id(), range.start(), range.end())) {
                entries.add(CareViews.recordEntry(r));
            }
            queries.incidentsOf(elder.id(), range.start(), range.end())
                    .forEach(i -> entries.add(CareViews.incidentEntry(i)));
            entries.sort(Comparator.comparing((JsonObject e) -> Instant.parse(e.getString("at"))).reversed());
            return new JsonObject().put("elderId", elder.id()).put("from", range.from().toString())
                    .put("to", range.to().toString()).put("entries", new JsonArray(new ArrayList<>(entries)));
        });
    }
}
