package org.shouwang.console;

import io.vertx.core.AsyncResult;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health/ready} (and {@code /health}, the same): every {@link HealthCheck} as a procedure of
 * vertx-health-check's {@link HealthChecks}, which runs them in parallel and gives up on one after
 * {@link #CHECK_TIMEOUT_SECONDS}; each probe runs on a worker thread. Answers 200 {@code UP} when all pass, or
 * 503 {@code DOWN} naming each failed check with its reason. {@code GET /health/live}: the process answers
 * (200), whatever its dependencies do.
 *
 * <p>The body is {@code {"status":"UP|DOWN","checks":{"database":{"up":true},"broker":{"up":false,"reason":"…"}}}},
 * rendered here rather than by {@code HealthCheckHandler}: that one lists checks in an array, answers 500 for a
 * probe that timed out and 204 when none is registered, while operators and load balancers here read one shape
 * and one "not ready" status.
 */
final class HealthEndpoint {

    /** A probe that hangs must not hang the load balancer's health request with it. */
    static final long CHECK_TIMEOUT_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

    private final Vertx vertx;
    private final List<String> names;
    private final HealthChecks readiness;
    private final HealthChecks liveness;

    HealthEndpoint(Vertx vertx, List<HealthCheck> checks) {
        this.vertx = vertx;
        var unique = new HashSet<String>();
        for (HealthCheck c : checks) {
            if (!unique.add(c.name())) {
                throw new IllegalArgumentException("two health checks are named " + c.name());
            }
        }
        this.names = checks.stream().map(HealthCheck::name).toList();
        this.readiness = HealthChecks.create(vertx);
        for (HealthCheck check : checks) {
            readiness.register(check.name(), TimeUnit.SECONDS.toMillis(CHECK_TIMEOUT_SECONDS), done -> probe(check, done));
        }
        // Nothing to probe: answering at all is what proves the process alive.
        this.liveness = HealthChecks.create(vertx);
    }

    void ready(RoutingContext ctx) {
        readiness.checkStatus().onComplete(done -> reply(ctx, done, names));
    }

    void live(RoutingContext ctx) {
        liveness.checkStatus().onComplete(done -> reply(ctx, done, List.of()));
    }

    /** Never fails the procedure: a failed probe is a check that is down, with why. */
    private void probe(HealthCheck check, Promise<Status> done) {
        vertx.executeBlocking(check::problem, false).onComplete(probed -> {
            String problem = probed.succeeded() ? probed.result()
                    : "检查出错：" + probed.cause().getClass().getSimpleName();
            // tryComplete: the procedure may have timed out meanwhile.
            done.tryComplete(problem == null ? Status.OK() : Status.KO(new JsonObject().put("reason", problem)));
        });
    }

    private static void reply(RoutingContext ctx, AsyncResult<CheckResult> done, List<String> expected) {
        Map<String, CheckResult> byId = new HashMap<>();
        if (done.succeeded() && done.result().getChecks() != null) {
            done.result().getChecks().forEach(r -> byId.put(r.getId(), r));
        }
        JsonObject checks = new JsonObject();
        boolean up = true;
        for (String name : expected) {
            JsonObject result = render(name, byId.get(name));
            checks.put(name, result);
            up &= result.getBoolean("up");
        }
        Replies.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks));
    }

    private static JsonObject render(String name, CheckResult r) {
        if (r != null && r.getStatus() != null && r.getStatus().isOk()) {
            return new JsonObject().put("up", true);
        }
        String reason;
        if (r == null) {
            reason = "检查未执行";
        } else if (r.getStatus() != null) {
            JsonObject data = r.getStatus().getData();
            reason = data == null ? "检查未通过" : data.getString("reason", "检查未通过");
        } else if (r.getFailure() != null && "Timeout".equals(r.getFailure().getMessage())) {
            reason = "超过 " + CHECK_TIMEOUT_SECONDS + " 秒未响应";
        } else {
            reason = "检查出错：" + (r.getFailure() == null ? "?" : r.getFailure().getClass().getSimpleName());
        }
        LOG.warn("health check failed [check: {}, reason: {}]", name, reason);
        return new JsonObject().put("up", false).put("reason", reason);
    }
}
