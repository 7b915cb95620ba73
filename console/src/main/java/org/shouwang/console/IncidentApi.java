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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shouwang.care.CareRecords;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.Transition;
import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.ResidentId;
import org.shouwang.notifier.IncidentCommands;
import org.shouwang.notifier.ProviderDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident queue within the person's scope, one incident with its elder, care team and the whole
 * timeline (pages included), acknowledge, resolve with an outcome, notes, and the elder's hourly water use.
 * Changes go through {@link IncidentCommands}, the one path that also stops escalation and tells the others.
 */
final class IncidentApi {

    /** How a console acknowledgement is recorded, next to {@code voice} and {@code sms}. */
    static final String VIA = "console";
    /** The outcomes staff choose from when they close a case. */
    static final List<String> OUTCOMES = List.of("老人安全", "误报", "设备故障", "已送医", "其他");
    static final int CHART_DAYS = 7;

    private static final Logger LOG = LoggerFactory.getLogger(IncidentApi.class);
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final IncidentStore incidents;
    private final RegistryStore registry;
    private final ConsoleQueries queries;
    private final IncidentCommands commands;
    private final CareRecords care;
    private final Audit audit;
    private final ProviderDirectory directory;
    private final Clock clock;

    IncidentApi(Vertx vertx, IncidentStore incidents, RegistryStore registry, ConsoleQueries queries,
                IncidentCommands commands, CareRecords care, Audit audit, ProviderDirectory directory, Clock clock) {
        this.directory = directory;
        this.vertx = vertx;
        this.incidents = incidents;
        this.registry = registry;
        this.queries = queries;
        this.commands = commands;
        this.care = care;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/incidents").handler(this::list);
        router.get("/api/incidents/:id").handler(this::detail);
        router.post("/api/incidents/:id/ack").handler(this::acknowledge);
        router.post("/api/incidents/:id/resolve").handler(this::resolve);
        router.post("/api/incidents/:id/arrive").handler(this::arrive);
        router.post("/api/incidents/:id/notes").handler(this::note);
        router.get("/api/elders/:id/water").handler(this::water);
    }

    private void list(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        IncidentState state = state(ctx.request().getParam("state"));
        int limit = Forms.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        Replies.blocking(vertx, ctx, 200, () -> rows(queries.queue(staff.account(), state, limit), staff.disclosure()));
    }

    /** Queue rows with who has been paged for each, fetched in one query for the whole list. */
    JsonArray rows(List<ConsoleQueries.QueueRow> rows, Disclosure d) {
        List<ConsoleQueries.Page> pages = queries.pages(rows.stream().map(r -> r.incident().id()).toList());
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(Views.queueRow(r, d, pages)));
        return out;
    }

    private void detail(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        ConsoleQueries.QueueRow row = ScopeGuard.incident(ctx);
        long id = row.incident().id();
        Replies.blocking(vertx, ctx, 200, () -> {
            Disclosure d = staff.disclosure();
            List<ConsoleQueries.Page> pages = queries.pages(List.of(id));
            List<JsonObject> entries = new ArrayList<>();
            incidents.timeline(id).forEach(t -> entries.add(Views.timelineEntry(t)));
            pages.forEach(p -> entries.add(Views.pageEntry(p)));
            entries.sort(Comparator.comparing(e -> Instant.parse(e.getString("at"))));
            JsonObject elder = registry.profile(row.elder().id(), LocalDate.now(clock.withZone(ResidentId.ZONE)))
                    .map(p -> {
                        JsonArray team = new JsonArray();
                        p.careTeam().forEach(c -> team.add(Views.contact(c, d, directory)));
                        return Views.elder(p.elder(), d).put("age", p.age()).put("keyElder", p.isKeyElder())
                                .put("keyElderBasis", p.keyElderBasis() == null ? null : p.keyElderBasis().label())
                                .put("contacts", team);
                    }).orElse(null);
            audit.record(staff, Audit.VIEW_INCIDENT, "incident", id, row.elder().id(), row.incident().code());
            JsonArray paged = new JsonArray();
            pages.forEach(p -> paged.add(Views.page(p)));
            Map.Entry<Instant, String> arrival = incidents.arrival(id).orElse(null);
            return Views.incident(row.incident())
                    .put("alerts", row.alerts())
                    .put("arrivedAt", arrival == null ? null : arrival.getKey().toString())
                    .put("arrivedBy", arrival == null ? null : Views.redact(arrival.getValue()))
                    .put("elder", elder)
                    .put("paged", paged)
                    .put("timeline", new JsonArray(new ArrayList<>(entries)))
                    .put("outcomes", new JsonArray(OUTCOMES));
        });
    }

    private void acknowledge(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        ConsoleQueries.QueueRow row = ScopeGuard.incident(ctx);
        long id = row.incident().id();
        Replies.blocking(vertx, ctx, 200, () -> {
            Transition t = commands.acknowledge(id, staff.name(), VIA);
            requireDone(t, "该事件已有人确认接手或已办结，无需再次确认");
            audit.record(staff, Audit.ACKNOWLEDGE, "incident", id, row.elder().id(), row.incident().code());
            LOG.info("incident acknowledged [incident: {}, via: {}, account: {}]", id, VIA, staff.account().id());
            return Views.incident(t.incident(), row.elder(), staff.disclosure());
        });
    }

    private void resolve(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        ConsoleQueries.QueueRow row = ScopeGuard.incident(ctx);
        long id = row.incident().id();
        JsonObject body = Forms.parse(ctx.body().buffer());
        Forms.Resolution r = Forms.resolution(body);
        if (!OUTCOMES.contains(r.outcome())) {
            throw ApiError.badField("outcome", "处置结果（outcome）只能是 " + String.join("、", OUTCOMES));
        }
        Object visitedRaw = body.getValue("visited");
        if (visitedRaw != null && !(visitedRaw instanceof Boolean)) {
            throw ApiError.badField("visited", "是否上门（visited）必须是 true 或 false");
        }
        boolean visited = Boolean.TRUE.equals(visitedRaw);
        Replies.blocking(vertx, ctx, 200, () -> {
            Transition t = commands.resolve(id, staff.name(), r.outcome(), r.alertsSeen());
            if (t.result() == Transition.Result.STALE) {
                throw ApiError.staleAlerts("您查看之后该事件又收到 " + (t.alerts() - r.alertsSeen())
                        + " 条新报警，请先查看新报警再办结", t.incident().state().wire(), t.alerts());
            }
            requireDone(t, "该事件已办结");
            audit.record(staff, Audit.RESOLVE, "incident", id, row.elder().id(), row.incident().code() + " " + r.outcome());
            LOG.info("incident resolved [incident: {}, via: {}, account: {}]", id, VIA, staff.account().id());
            if (r.note() != null) {
                addNote(t.incident(), staff.name(), r.note());
            }
            JsonObject answer = Views.incident(t.incident(), row.elder(), staff.disclosure());
            return visited ? answer.put("careRecordId", visit(staff, t.incident())) : answer;
        });
    }

    /**
     * A case closed at the door counts as the resolver's contact with the elder (issue 11). Written after the
     * resolution committed: a failure here must not undo or hide it, so it is logged and the answer says null.
     */
    private Long visit(Staff staff, Incident resolved) {
        try {
            return care.incidentVisit(staff.account(), resolved.elderId(), resolved.id(), resolved.code(),
                    resolved.resolvedAt()).record().id();
        } catch (RuntimeException e) {
            LOG.warn("visit of a resolved incident not recorded as a contact [incident: {}, error: {}]", resolved.id(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** A responder at the elder's door, one tap; takes the case too if nobody had. */
    private void arrive(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        ConsoleQueries.QueueRow row = ScopeGuard.incident(ctx);
        long id = row.incident().id();
        Replies.blocking(vertx, ctx, 200, () -> {
            Transition t = commands.arrive(id, staff.name(), VIA);
            requireDone(t, "该事件已办结");
            audit.record(staff, Audit.ARRIVE, "incident", id, row.elder().id(), row.incident().code());
            LOG.info("responder arrived [incident: {}, via: {}, account: {}]", id, VIA, staff.account().id());
            return Views.incident(t.incident(), row.elder(), staff.disclosure());
        });
    }

    /** A service-record note (服务记录) on any incident, open or closed. */
    private void note(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        ConsoleQueries.QueueRow row = ScopeGuard.incident(ctx);
        String text = Forms.required(Forms.parse(ctx.body().buffer()), "note", "备注", 500);
        Replies.blocking(vertx, ctx, 201, () -> {
            incidents.addTimeline(row.incident().id(), clock.instant(), "NOTE", staff.name(), text);
            audit.record(staff, Audit.ADD_NOTE, "incident", row.incident().id(),
                    row.elder().id(), row.incident().code());
            return new JsonObject().put("added", true);
        });
    }

    /** The note is extra to the resolution, which already happened: losing it must not undo or hide that. */
    private void addNote(Incident resolved, String actor, String note) {
        try {
            incidents.addTimeline(resolved.id(), resolved.resolvedAt(), "NOTE", actor, note);
        } catch (RuntimeException e) {
            LOG.warn("resolution note not saved [incident: {}, error: {}]", resolved.id(), e.getClass().getSimpleName());
        }
    }

    /** Litres per hour over the last 7 days, every hour present (0 when nothing ran), for the chart. */
    private void water(RoutingContext ctx) {
        Elder elder = ScopeGuard.elder(ctx);
        Replies.blocking(vertx, ctx, 200, () -> {
            Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            Instant from = to.minus(Duration.ofDays(CHART_DAYS));
            Map<Instant, Double> used = new HashMap<>();
            queries.hourlyUse(elder.id(), from, to).forEach(h -> used.put(h.hour(), h.liters()));
            JsonArray hours = new JsonArray();
            double total = 0;
            for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
                double liters = used.getOrDefault(h, 0.0);
                total += liters;
                hours.add(new JsonObject().put("hour", h.toString()).put("liters", Math.round(liters * 10) / 10.0));
            }
            return new JsonObject().put("elderId", elder.id()).put("from", from.toString()).put("to", to.toString())
                    .put("totalLiters", Math.round(total * 10) / 10.0).put("hours", hours);
        });
    }

    private static void requireDone(Transition t, String whyNot) {
        switch (t.result()) {
            case DONE -> { }
            case NOT_FOUND -> throw ApiError.notFound("事件不存在");
            case NOT_ALLOWED, STALE -> throw ApiError.stateConflict(whyNot, t.incident().state().wire());
            default -> throw new IllegalStateException("unknown transition result " + t.result());
        }
    }

    private static IncidentState state(String raw) {
        if (raw == null || raw.isBlank()) {
            return IncidentState.OPEN;
        }
        for (IncidentState s : IncidentState.values()) {
            if (s.wire().equals(raw)) {
                return s;
            }
        }
        throw ApiError.badField("state", "事件状态（state）只能是 open、acknowledged 或 resolved");
    }
}
