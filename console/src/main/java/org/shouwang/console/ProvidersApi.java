package org.shouwang.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.shouwang.db.AccountRole;
import org.shouwang.notifier.ProviderHealth;

/**
 * {@code GET /api/operations/providers}: each paging provider's last success and last failure, and whether it counts
 * as down (issue 13: Twilio, and Alibaba Cloud where a site pages mainland numbers through it). For district and
 * street staff, who run the operations page; nothing personal is in it.
 */
final class ProvidersApi {

    private static final Map<String, String> LABELS = Map.of("twilio", "Twilio（国际短信与电话）",
            "aliyun", "阿里云（中国大陆短信与语音）");

    private final Vertx vertx;
    private final List<ProviderHealth> providers;

    ProvidersApi(Vertx vertx, List<ProviderHealth> providers) {
        this.vertx = vertx;
        this.providers = List.copyOf(providers);
    }

    void mount(Router router) {
        router.get("/api/operations/providers").handler(this::list);
    }

    private void list(RoutingContext ctx) {
        Staff.of(ctx).requireRole(AccountRole.DISTRICT, AccountRole.STREET);
        Replies.blocking(vertx, ctx, 200, () -> {
            JsonArray out = new JsonArray();
            for (ProviderHealth p : providers) {
                out.add(new JsonObject()
                        .put("name", p.name())
                        .put("label", LABELS.getOrDefault(p.name(), p.name()))
                        .put("lastSuccess", time(p.lastSuccess()))
                        .put("lastFailure", time(p.lastFailure()))
                        .put("lastFailureWhy", p.lastFailureWhy())
                        .put("down", p.problem() != null));
            }
            return out;
        });
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
