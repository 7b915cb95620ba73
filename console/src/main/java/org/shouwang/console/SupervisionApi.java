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
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import org.shouwang.db.CareMessage;
import org.shouwang.db.CareMessageStore;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.model.Elder;
import org.shouwang.model.Privacy;
import org.shouwang.model.ResidentId;

/**
 * Supervision (街道监管, 区督查): a week's compliance per community and per person with the 12-week trend, the key
 * elders without a signed agreement and the overdue list, and each month's response figures. Everything is
 * narrowed to the caller's {@link CareScope} (a community worker sees their own communities); a street or
 * community outside it is a 403.
 */
final class SupervisionApi {

    private static final Duration UNDELIVERED_SINCE = Duration.ofDays(7);
    private static final int UNDELIVERED_LIMIT = 200;

    private final Vertx vertx;
    private final CareServices care;
    private final IncidentStore incidents;
    private final CareMessageStore messages;
    private final RegistryStore registry;
    private final Clock clock;

    SupervisionApi(Vertx vertx, CareServices care, IncidentStore incidents, CareMessageStore messages,
                   RegistryStore registry, Clock clock) {
        this.vertx = vertx;
        this.messages = messages;
        this.registry = registry;
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
                    .put("overdue", CareViews.duties(care.duties().overdue(scope, today)))
                    .put("undelivered", undelivered(scope));
        });
    }

    /**
     * Care SMS of the last week that never reached their recipient (refused, out of retries, or too late for their
     * day): a reminder nobody got is a duty nobody was told of, so supervision must see it. Phones masked.
     */
    private JsonArray undelivered(CareScope scope) {
        JsonArray out = new JsonArray();
        for (CareMessage m : messages.failed(clock.instant().minus(UNDELIVERED_SINCE), UNDELIVERED_LIMIT)) {
            Elder elder = m.elderId() == null ? null : registry.findElder(m.elderId()).orElse(null);
            if (elder == null || !scope.covers(elder.street(), elder.community())) {
                continue;
            }
            out.add(new JsonObject().put("id", m.id()).put("kind", m.kind().name())
                    .put("kindLabel", m.kind() == CareMessage.Kind.REMINDER ? "联系提醒" : "逾期汇总")
                    .put("elderId", elder.id()).put("elderName", elder.name())
                    .put("roleLabel", m.role() == null ? null : m.role().label())
                    .put("recipient", Privacy.maskPhone(m.recipient()))
                    .put("createdAt", m.createdAt().toString())
                    .put("createdAtLocal", java.time.LocalDateTime.ofInstant(m.createdAt(), ResidentId.ZONE)
                            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ')).put("attempts", m.attempts())
                    .put("error", m.lastError()));
        }
        return out;
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
