package org.shouwang.notifier;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alibaba Cloud's receipt pushes, on the webhook listener: {@code POST /aliyun/{token}/sms-report},
 * {@code …/sms-up} and {@code …/voice-report}, each a JSON array as Alibaba's HTTP push sends it. Alibaba signs
 * nothing, so the endpoint protects itself: a secret token in the path (compared in constant time; a wrong one is
 * a plain 404, as if nothing were there), an optional allowlist of source addresses (the direct peer: behind a
 * reverse proxy, list the proxy or filter there), and {@link AliyunReceipts}, which accepts only receipts naming a
 * page the platform sent and ignores stale or replayed ones. A push whose records were all ignored is still
 * answered {@code {"code":0}}: Alibaba would otherwise retry what will never apply.
 *
 * @param answers sends the confirmation of an SMS reply back to its sender (through the domestic SMS channel)
 */
public record AliyunReceiptRoutes(String token, Set<String> allowedSources, AliyunReceipts receipts,
                                  Consumer<AliyunReceipts.Answer> answers) {

    public static final String PREFIX = "/aliyun/";
    private static final int BODY_LIMIT_BYTES = 256 * 1024;
    private static final String ACCEPTED = new JsonObject().put("code", 0).put("msg", "成功").encode();
    private static final Logger LOG = LoggerFactory.getLogger(AliyunReceiptRoutes.class);

    public AliyunReceiptRoutes {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the Aliyun receipt token must be a secret of at least 16 characters");
        }
        allowedSources = allowedSources == null ? Set.of() : Set.copyOf(allowedSources);
    }

    /** Adds the three routes to {@code router}; their work runs on {@code workers}. */
    public void mount(Router router, WorkerExecutor workers) {
        router.route(PREFIX + "*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route(PREFIX + ":token/*").handler(this::guard);
        router.post(PREFIX + ":token/sms-report").handler(ctx -> apply(ctx, workers, receipts::smsReports));
        router.post(PREFIX + ":token/voice-report").handler(ctx -> apply(ctx, workers, receipts::voiceReports));
        router.post(PREFIX + ":token/sms-up").handler(ctx -> apply(ctx, workers, records -> {
            AliyunReceipts.Result r = receipts.smsUps(records);
            r.answers().forEach(answers);
            return r;
        }));
    }

    private void guard(RoutingContext ctx) {
        String given = ctx.pathParam("token");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("aliyun receipt refused: wrong token [path kind: {}]", kind(ctx));
            ctx.response().setStatusCode(404).end();
            return;
        }
        String source = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        if (!allowedSources.isEmpty() && !allowedSources.contains(source)) {
            LOG.warn("aliyun receipt refused: source not allowed [path kind: {}]", kind(ctx));
            ctx.response().setStatusCode(403).end();
            return;
        }
        ctx.next();
    }

    private void apply(RoutingContext ctx, WorkerExecutor workers, Function<JsonArray, AliyunReceipts.Result> work) {
        JsonArray records;
        try {
            String body = ctx.body().asString();
            records = body != null && body.strip().startsWith("{") ? new JsonArray().add(new JsonObject(body))
                    : new JsonArray(body == null ? "" : body);
        } catch (DecodeException | ClassCastException e) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        workers.executeBlocking(() -> work.apply(records), false).onComplete(done -> {
            if (done.failed()) {
                LOG.error("aliyun receipt failed [path kind: {}]", kind(ctx), done.cause());
                ctx.response().setStatusCode(500).end();
                return;
            }
            LOG.info("aliyun receipts [kind: {}, applied: {}, ignored: {}]", kind(ctx), done.result().applied(),
                    done.result().ignored());
            ctx.response().putHeader("Content-Type", "application/json").end(ACCEPTED);
        });
    }

    /** The last path segment, never the token: logs must not carry the secret. */
    private static String kind(RoutingContext ctx) {
        String path = ctx.request().path();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The routes' paths for a token, as a site registers them with Alibaba. */
    public static List<String> paths(String token) {
        return List.of(PREFIX + token + "/sms-report", PREFIX + token + "/sms-up", PREFIX + token + "/voice-report");
    }
}
