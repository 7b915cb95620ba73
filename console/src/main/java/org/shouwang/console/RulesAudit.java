package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits the changes made through the rules API (issue 4's {@code RulesApi}: thresholds, extreme-weather
 * mode, absences), which the console mounts but does not own: once such a request has been answered with
 * success, a line names who did it, the method and the path, and the elder when the path names one.
 */
final class RulesAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RulesAudit.class);

    private final Vertx vertx;
    private final Audit audit;

    RulesAudit(Vertx vertx, Audit audit) {
        this.vertx = vertx;
        this.audit = audit;
    }

    /** Mount after the {@link ScopeGuard}, before the rules API. */
    void mount(Router router) {
        router.route("/api/rules/*").handler(this::watch);
        router.route("/api/weather").handler(this::watch);
        router.route("/api/weather/*").handler(this::watch);
        router.route("/api/elders/:id/absences").handler(this::watch);
        router.route("/api/absences/:id").handler(this::watch);
    }

    private void watch(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            Staff staff = Staff.of(ctx);
            String what = method + " " + ctx.normalizedPath();
            Long elderId = ScopeGuard.elder(ctx) == null ? null : ScopeGuard.elder(ctx).id();
            ctx.addEndHandler(done -> {
                int status = ctx.response().getStatusCode();
                if (done.succeeded() && status >= 200 && status < 300) {
                    vertx.executeBlocking(() -> {
                        audit.record(staff, Audit.RULES_CHANGE, "rules", what, elderId, null);
                        return null;
                    }, false).onFailure(e -> LOG.error("rules change not audited [route: {}]", what, e));
                }
            });
        }
        ctx.next();
    }
}
