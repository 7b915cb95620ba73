package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.shouwang.db.AbsenceStore;
import org.shouwang.model.DaySlots;
import org.shouwang.model.Elder;
import org.shouwang.model.RuleThresholds;

/**
 * The elder's learned routine for the 用水习惯 chart of the elder's page ({@code GET /api/elders/{id}/routine},
 * issue 12): what ROUTINE_BREAK has learned of the elder's active water meter and where today stands against it.
 * Scope-checked by {@link ScopeGuard} like every elder route, audited like the elder's page; JDBC on a worker.
 */
final class RoutineApi {

    private final Vertx vertx;
    private final ConsoleQueries queries;
    private final AbsenceStore absences;
    private final EffectiveRules rules;
    private final Audit audit;
    private final Clock clock;

    RoutineApi(Vertx vertx, ConsoleQueries queries, AbsenceStore absences, EffectiveRules rules, Audit audit,
               Clock clock) {
        this.vertx = vertx;
        this.queries = queries;
        this.absences = absences;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/elders/:id/routine").handler(this::routine);
    }

    private void routine(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        Elder elder = ScopeGuard.elder(ctx);
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonObject answer = view(elder, clock.instant());
            audit.record(staff, Audit.VIEW_ROUTINE, "elder", elder.id(), elder.id(), "用水习惯");
            return answer;
        });
    }

    /** Blocking: loads what the rules learn from for the elder's meter and builds the answer. */
    private JsonObject view(Elder elder, Instant now) {
        RuleThresholds thresholds = rules.of(elder);
        boolean extremeWeather = rules.extremeWeather(elder.street());
        Optional<String> meter = queries.waterMeterOf(elder.id());
        if (meter.isEmpty()) {
            return RoutineView.noMeter(elder.id(), now, thresholds, extremeWeather);
        }
        String id = meter.get();
        LocalDate first = RoutineView.firstDay(DaySlots.day(now));
        Instant from = first.atStartOfDay(DaySlots.ZONE).toInstant();
        return RoutineView.of(new RoutineView.Facts(elder.id(), id, now, queries.meterDays(id, first),
                absences.ofElder(elder.id()), thresholds, extremeWeather, queries.hourlyUseOfMeter(id, from, now),
                queries.meterUse(id, from, now), queries.routineWatchFrom(id, now).orElse(null)));
    }
}
