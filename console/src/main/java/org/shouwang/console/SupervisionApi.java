package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.shouwang.care.CareScope;
import org.shouwang.care.Compliance;
import org.shouwang.care.DutyCalendar;
import org.shouwang.db.IncidentStore;
import org.shouwang.model.ResidentId;

/**
 * Supervision (街道监管, 区督查): a week's compliance per community and per person with the 12-week trend, the key
 * elders without a signed agreement and the overdue list, and each month's response figures. Everything is
 * narrowed to the caller's {@link CareScope} (a community worker sees their own communities); a street or
 * community outside it is a 403.
 */
final class SupervisionApi {

    private final Vertx vertx;
    private final CareServices care;
    private final IncidentStore incidents;
    private final Clock clock;

    SupervisionApi(Vertx vertx, CareServices care, IncidentStore incidents, Clock clock) {
        this.vertx = vertx;
        this.care = care;
        this.incidents = incidents;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/compliance").handler(this::compliance);
        router.get("/api/response-times").handler(this::responseTimes);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ResidentId.ZONE));
    }

    private void compliance(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        String street = CareForms.param(ctx, "street");
        String community = CareForms.param(ctx, "community");
        CareScope scope = CareForms.scope(staff, street, community);
        LocalDate today = today();
        LocalDate monday = CareForms.week(CareForms.param(ctx, "week"), today);
        if (monday.isAfter(DutyCalendar.monday(today))) {
            throw ApiError.badField("week", "周次（week）不能晚于本周");
        }
        Replies.blocking(vertx, ctx, 200, () -> {
            Compliance.Week week = care.compliance().week(scope, monday, today);
            return CareViews.week(week)
                    .put("street", scope.street())
                    .put("community", community)
                    .put("today", today.toString())
                    .put("withoutAgreement", CareViews.unsigned(care.compliance().withoutAgreement(scope, today)))
                    .put("overdue", CareViews.duties(care.duties().overdue(scope, today)));
        });
    }

    /** People-facing incidents opened in the month (Asia/Shanghai): alert to acknowledgement, acknowledgement to arrival. */
    private void responseTimes(RoutingContext ctx) {
        Staff staff = Staff.of(ctx);
        String community = CareForms.param(ctx, "community");
        CareScope scope = CareForms.scope(staff, CareForms.param(ctx, "street"), community);
        YearMonth month = CareForms.month(CareForms.param(ctx, "month"), today());
        Instant from = month.atDay(1).atStartOfDay(ResidentId.ZONE).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ResidentId.ZONE).toInstant();
        Replies.blocking(vertx, ctx, 200, () -> new JsonObject()
                .put("month", month.toString())
                .put("street", scope.street())
                .put("community", community)
                .mergeIn(CareViews.responseFigures(incidents.responseFigures(scope.street(), scope.communities(),
                        from, to))));
    }
}
