package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.Transition;
import org.shouwang.model.Elder;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.notifier.IncidentCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident queue: list by state, one incident with its timeline, acknowledge and resolve. Changes
 * go through {@link IncidentCommands}, the one path that also stops escalation and tells the others.
 */
final class IncidentApi {

    /** How a console acknowledgement is recorded, next to {@code voice} and {@code sms}. */
    static final String VIA = "console";

    private static final Logger LOG = LoggerFactory.getLogger(IncidentApi.class);
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final IncidentStore incidents;
    private final RegistryStore registry;
    private final IncidentCommands commands;

    IncidentApi(Vertx vertx, IncidentStore incidents, RegistryStore registry, IncidentCommands commands) {
        this.vertx = vertx;
        this.incidents = incidents;
        this.registry = registry;
        this.commands = commands;
    }

    void mount(Router router) {
        router.get("/api/incidents").handler(this::list);
        router.get("/api/incidents/:id").handler(this::detail);
        router.post("/api/incidents/:id/ack").handler(this::acknowledge);
        router.post("/api/incidents/:id/resolve").handler(this::resolve);
    }

    private void list(RoutingContext ctx) {
        IncidentState state = state(ctx.request().getParam("state"));
        int limit = Forms.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        Replies.blocking(vertx, ctx, 200, () -> {
            // The store knows no elders; a queue rarely holds many, and the map fetches each elder once.
            Map<Long, Optional<Elder>> elders = new HashMap<>();
            JsonArray rows = new JsonArray();
            for (Incident i : incidents.list(state, limit)) {
                Elder elder = elders.computeIfAbsent(i.elderId(), registry::findElder).orElse(null);
                rows.add(Views.incident(i, elder));
            }
            return rows;
        });
    }

    private void detail(RoutingContext ctx) {
        long id = incidentId(ctx);
        Replies.blocking(vertx, ctx, 200, () -> {
            Incident incident = incidents.find(id).orElseThrow(IncidentApi::notFound);
            Elder elder = registry.findElder(incident.elderId()).orElse(null);
            JsonArray timeline = new JsonArray();
            incidents.timeline(id).forEach(t -> timeline.add(Views.timelineEntry(t)));
            return Views.incident(incident)
                    .put("elder", elder == null ? null : Views.elder(elder))
                    .put("timeline", timeline);
        });
    }

    private void acknowledge(RoutingContext ctx) {
        long id = incidentId(ctx);
        String actor = Forms.actor(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 200, () -> {
            Transition t = commands.acknowledge(id, actor, VIA);
            requireDone(t, "该事件已有人确认接手或已办结，无需再次确认");
            LOG.info("incident acknowledged [incident: {}, via: {}]", id, VIA);
            return withElder(t.incident());
        });
    }

    private void resolve(RoutingContext ctx) {
        long id = incidentId(ctx);
        Forms.Resolution r = Forms.resolution(Forms.parse(ctx.body().buffer()));
        Replies.blocking(vertx, ctx, 200, () -> {
            Transition t = commands.resolve(id, r.actor(), r.outcome());
            requireDone(t, "该事件已办结");
            LOG.info("incident resolved [incident: {}, via: {}]", id, VIA);
            if (r.note() != null) {
                addNote(t.incident(), r);
            }
            return withElder(t.incident());
        });
    }

    /** The note is extra to the resolution, which already happened: losing it must not undo or hide that. */
    private void addNote(Incident resolved, Forms.Resolution r) {
        try {
            incidents.addTimeline(resolved.id(), resolved.resolvedAt(), "NOTE", r.actor(), r.note());
        } catch (RuntimeException e) {
            LOG.warn("resolution note not saved [incident: {}, error: {}]", resolved.id(), e.getClass().getSimpleName());
        }
    }

    private JsonObject withElder(Incident incident) {
        return Views.incident(incident, registry.findElder(incident.elderId()).orElse(null));
    }

    private static void requireDone(Transition t, String whyNot) {
        switch (t.result()) {
            case DONE -> { }
            case NOT_FOUND -> throw notFound();
            case NOT_ALLOWED -> throw ApiError.stateConflict(whyNot, t.incident().state().wire());
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

    private static long incidentId(RoutingContext ctx) {
        return Forms.id(ctx.pathParam("id"), "事件编号");
    }

    private static ApiError notFound() {
        return ApiError.notFound("事件不存在");
    }
}
