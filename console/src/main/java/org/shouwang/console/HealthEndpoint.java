package org.shouwang.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: runs every {@link HealthCheck} on worker threads, in parallel, and answers 200
 * {@code UP} when all pass or 503 {@code DOWN} naming what failed and why.
 */
final class HealthEndpoint {

    /** A probe that hangs must not hang the load balancer's health request with it. */
    static final long CHECK_TIMEOUT_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

    private final Vertx vertx;
    private final List<HealthCheck> checks;

    HealthEndpoint(Vertx vertx, List<HealthCheck> checks) {
        this.vertx = vertx;
        this.checks = List.copyOf(checks);
        var names = new HashSet<String>();
        for (HealthCheck c : this.checks) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two health checks are named " + c.name());
            }
        }
    }

    void handle(RoutingContext ctx) {
        List<Future<JsonObject>> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            results.add(run(check));
        }
        Future.join(results).onComplete(done -> {
            JsonObject byName = new JsonObject();
            boolean up = true;
            for (int i = 0; i < checks.size(); i++) {
                JsonObject result = results.get(i).result();
                byName.put(checks.get(i).name(), result);
                up &= result.getBoolean("up");
            }
            Replies.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", byName));
        });
    }

    /** Never fails: a failed or slow probe becomes {@code {"up":false,"reason":...}}. */
    private Future<JsonObject> run(HealthCheck check) {
        return vertx.executeBlocking(() -> {
                    if (check.healthy()) {
                        return new JsonObject().put("up", true);
                    }
                    return down(check.name(), check.reason());
                }, false)
                .timeout(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .recover(e -> Future.succeededFuture(down(check.name(), e instanceof TimeoutException
                        ? "超过 " + CHECK_TIMEOUT_SECONDS + " 秒未响应"
                        : "检查出错：" + e.getClass().getSimpleName())));
    }

    private static JsonObject down(String name, String reason) {
        LOG.warn("health check failed [check: {}, reason: {}]", name, reason);
        return new JsonObject().put("up", false).put("reason", reason);
    }
}
