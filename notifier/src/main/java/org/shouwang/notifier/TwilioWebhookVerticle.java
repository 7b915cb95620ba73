package org.shouwang.notifier;

import com.twilio.security.RequestValidator;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.shouwang.db.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks on a listener of their own ({@link WebhookConfig}): key presses in calls, inbound SMS
 * and delivery reports of calls and SMS. Every request must carry a valid {@code X-Twilio-Signature} for
 * the public URL and its POST parameters (the SDK's {@link RequestValidator}); anything unsigned or
 * tampered gets 403 and changes nothing. The work runs on a worker pool ({@link TwilioReplies} blocks).
 */
public final class TwilioWebhookVerticle extends AbstractVerticle {

    /** Twilio's webhook posts are a few hundred bytes; anything near this is not Twilio. */
    static final long BODY_LIMIT_BYTES = 16 * 1024;
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final String XML = "text/xml; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookVerticle.class);

    private final WebhookConfig config;
    private final RequestValidator validator;
    private final TwilioReplies replies;
    private final NotifierMetrics metrics;
    private final AliyunReceiptRoutes aliyunReceipts;
    private volatile HttpServer server;
    private WorkerExecutor workers;

    /** @param authToken the Twilio account's auth token, which signs every webhook request */
    public TwilioWebhookVerticle(WebhookConfig config, String authToken, TwilioReplies replies) {
        this(config, authToken, replies, NotifierMetrics.none());
    }

    /** As above, counting refused requests in {@code metrics} ({@code shouwang.webhook.rejections}). */
    public TwilioWebhookVerticle(WebhookConfig config, String authToken, TwilioReplies replies,
                                 NotifierMetrics metrics) {
        this(config, authToken, replies, metrics, null);
    }

    /** As above, taking Alibaba Cloud's receipt pushes on the same listener when {@code aliyunReceipts} is given. */
    public TwilioWebhookVerticle(WebhookConfig config, String authToken, TwilioReplies replies,
                                 NotifierMetrics metrics, AliyunReceiptRoutes aliyunReceipts) {
        this.aliyunReceipts = aliyunReceipts;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.config = Objects.requireNonNull(config, "config");
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("the twilio auth token is needed to check webhook signatures");
        }
        this.validator = new RequestValidator(authToken);
        this.replies = Objects.requireNonNull(replies, "replies");
    }

    @Override
    public void start(Promise<Void> startPromise) {
        workers = vertx.createSharedWorkerExecutor("shouwang-twilio-webhooks", 2);
        Future.succeededFuture()
                .map(v -> router())
                .compose(router -> vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host()))
                .onSuccess(s -> {
                    server = s;
                    LOG.info("twilio webhooks listening [host: {}, port: {}]", config.host(), s.actualPort());
                })
                .onFailure(cause -> release())
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        release().onComplete(stopPromise);
    }

    /** Closes what is still open; a second call finds nothing left. */
    private Future<Void> release() {
        HttpServer s = server;
        server = null;
        Future<Void> closed = s == null ? Future.succeededFuture() : s.close();
        return closed.eventually(() -> {
            WorkerExecutor w = workers;
            workers = null;
            return w == null ? Future.succeededFuture() : w.close();
        });
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int actualPort() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("twilio webhooks are not listening");
        }
        return s.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route("/twilio/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route("/twilio/*").handler(this::signed);
        router.post(WebhookConfig.VOICE_GATHER_PATH).handler(ctx -> answer(ctx, XML, () -> replies.gather(
                notification(ctx), param(ctx, "CallSid"), param(ctx, "Digits"))));
        router.post(WebhookConfig.SMS_INBOUND_PATH).handler(ctx -> answer(ctx, XML, () -> replies.smsInbound(
                param(ctx, "MessageSid"), param(ctx, "From"), param(ctx, "Body"))));
        router.post(WebhookConfig.VOICE_STATUS_PATH).handler(ctx -> answer(ctx, null, () -> {
            replies.status(notification(ctx), NotificationChannel.VOICE, param(ctx, "CallSid"), param(ctx, "CallStatus"));
            return null;
        }));
        router.post(WebhookConfig.SMS_STATUS_PATH).handler(ctx -> answer(ctx, null, () -> {
            replies.status(notification(ctx), NotificationChannel.SMS, param(ctx, "MessageSid"),
                    param(ctx, "MessageStatus"));
            return null;
        }));
        if (aliyunReceipts != null) {
            aliyunReceipts.mount(router, workers);
        }
        return router;
    }

    /** Lets through only what Twilio signed for exactly this public URL and these parameters. */
    private void signed(RoutingContext ctx) {
        String signature = ctx.request().getHeader(SIGNATURE_HEADER);
        String url = config.publicUrl(ctx.request().uri());
        if (signature == null || !validator.validate(url, params(ctx.request().formAttributes()), signature)) {
            LOG.warn("twilio webhook refused: {} signature [path: {}]", signature == null ? "no" : "invalid",
                    ctx.request().path());
            metrics.webhookRejected(signature == null ? NotifierMetrics.MISSING_SIGNATURE
                    : NotifierMetrics.INVALID_SIGNATURE);
            ctx.response().setStatusCode(403).end();
            return;
        }
        ctx.next();
    }

    private void answer(RoutingContext ctx, String contentType, Callable<String> work) {
        workers.executeBlocking(work, false).onComplete(done -> {
            if (done.failed()) {
                LOG.error("twilio webhook failed [path: {}]", ctx.request().path(), done.cause());
                boolean bad = done.cause() instanceof IllegalArgumentException;
                if (bad) {
                    metrics.webhookRejected(NotifierMetrics.BAD_REQUEST);
                }
                ctx.response().setStatusCode(bad ? 400 : 500).end();
            } else if (done.result() == null) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response().putHeader("Content-Type", contentType).end(done.result());
            }
        });
    }

    private static Map<String, String> params(MultiMap form) {
        Map<String, String> params = new HashMap<>();
        form.forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
        return params;
    }

    private static String param(RoutingContext ctx, String name) {
        return ctx.request().getFormAttribute(name);
    }

    private static long notification(RoutingContext ctx) {
        // From the query string Twilio was given (and signed), not from the posted form.
        java.util.List<String> id = ctx.queryParam("notification");
        try {
            return Long.parseLong(id.isEmpty() ? "" : id.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("webhook without a notification id");
        }
    }
}
