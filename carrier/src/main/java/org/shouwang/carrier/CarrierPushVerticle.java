package org.shouwang.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;
import org.shouwang.carrier.ctwing.CtwingPush;
import org.shouwang.carrier.decode.Bodies;
import org.shouwang.carrier.decode.DecodeException;
import org.shouwang.carrier.onenet.OneNetSignature;
import org.shouwang.db.CarrierStore;
import org.shouwang.model.Addresses;
import org.shouwang.model.CarrierPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier platforms' HTTP push endpoints, on a listener of their own ({@code carrier.port}):
 * <ul>
 *   <li>{@code GET /carrier/onenet?msg&nonce&signature}: OneNET's URL verification; the signature is checked and
 *       msg echoed back as it came.</li>
 *   <li>{@code POST /carrier/onenet}: a signed push; a wrong signature is 403 and stores nothing.</li>
 *   <li>{@code POST /carrier/ctwing/{secret}}: CTWing signs nothing, so the secret path (404 when wrong, compared in
 *       constant time) and an optional source allowlist (403) stand in.</li>
 * </ul>
 * An accepted push is committed to the inbox before the 200 goes back, and decoded later by the
 * {@link InboxDecoderVerticle}: the reply takes one insert, and nothing acknowledged is lost in a restart. A retried
 * push finds its dedup key and is answered 200 again. A body over {@code maxBodyBytes} is 413.
 */
public final class CarrierPushVerticle extends AbstractVerticle {

    public static final String ONENET_PATH = "/carrier/onenet";
    public static final String CTWING_PATH = "/carrier/ctwing/";
    private static final Logger LOG = LoggerFactory.getLogger(CarrierPushVerticle.class);

    private final CarrierConfig config;
    private final CarrierStore store;
    private volatile InboxWriter inbox;
    private final CarrierMetrics metrics;
    private final OneNetSignature onenet;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private HttpServer server;

    public CarrierPushVerticle(CarrierConfig config, CarrierStore store, CarrierMetrics metrics) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.onenet = config.onenetToken() == null ? null : new OneNetSignature(config.onenetToken());
    }

    @Override
    public void start(Promise<Void> startPromise) {
        inbox = new InboxWriter(store);
        Router router = Router.router(vertx);
        router.route("/carrier/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        router.route("/carrier/*").failureHandler(this::failed);
        if (onenet != null) {
            router.get(ONENET_PATH).handler(this::onenetHandshake);
            router.post(ONENET_PATH).handler(this::onenetPush);
        }
        if (config.ctwingSecret() != null) {
            router.post(CTWING_PATH + ":secret").handler(this::ctwingPush);
        }
        vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host())
                .onSuccess(s -> {
                    server = s;
                    LOG.info("carrier listener started [port: {}, onenet: {}, ctwing: {}, ctwing sources: {}]",
                            s.actualPort(), onenet != null, config.ctwingSecret() != null,
                            config.ctwingAllowedSources().isEmpty() ? "any" : config.ctwingAllowedSources().size());
                })
                .<Void>mapEmpty().onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        HttpServer s = server;
        if (s == null || !stopped.compareAndSet(false, true)) {
            stopPromise.complete();
            return;
        }
        // The listener first, so no push is taken that the inbox writer would not commit; then what it holds.
        s.close().compose(v -> vertx.executeBlocking(() -> {
            inbox.close();
            return null;
        })).<Void>mapEmpty().onComplete(stopPromise);
    }

    /** The port it listens on (the chosen one when configured with 0); -1 before start. */
    public int actualPort() {
        HttpServer s = server;
        return s == null ? -1 : s.actualPort();
    }

    /** A body over the limit (413) or a bug: answered with its status, never with a stack trace. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status == 413) {
            LOG.warn("carrier push refused: body over {} bytes", config.maxBodyBytes());
        } else {
            LOG.error("carrier push failed [status: {}]", status, ctx.failure());
        }
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).end();
        }
    }

    private void onenetHandshake(RoutingContext ctx) {
        String msg = ctx.request().getParam("msg");
        String nonce = ctx.request().getParam("nonce");
        String signature = ctx.request().getParam("signature");
        if (!onenet.verify(nonce, msg, signature)) {
            metrics.push(CarrierPlatform.ONENET, CarrierMetrics.Outcome.FORGED);
            LOG.warn("onenet verification refused: signature does not match");
            ctx.response().setStatusCode(403).end();
            return;
        }
        LOG.info("onenet push address verified");
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(msg);
    }

    private void onenetPush(RoutingContext ctx) {
        long started = System.nanoTime();
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        JsonNode envelope;
        String id;
        try {
            envelope = Bodies.json(body == null ? "" : body, "OneNET envelope");
            id = Bodies.text(envelope, "id");
        } catch (DecodeException e) {
            // Without a readable envelope there is no signature to check: nothing unauthenticated is stored.
            metrics.push(CarrierPlatform.ONENET, CarrierMetrics.Outcome.REFUSED);
            LOG.warn("onenet push refused: {}", e.reason());
            ctx.response().setStatusCode(400).end();
            return;
        }
        if (!onenet.verify(Bodies.optionalText(envelope, "nonce"), Bodies.optionalText(envelope, "msg"),
                Bodies.optionalText(envelope, "signature"))) {
            metrics.push(CarrierPlatform.ONENET, CarrierMetrics.Outcome.FORGED);
            LOG.warn("onenet push refused: signature does not match");
            ctx.response().setStatusCode(403).end();
            return;
        }
        accept(ctx, CarrierPlatform.ONENET, id, body, started);
    }

    private void ctwingPush(RoutingContext ctx) {
        long started = System.nanoTime();
        String given = ctx.pathParam("secret");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                config.ctwingSecret().getBytes(StandardCharsets.UTF_8))) {
            metrics.push(CarrierPlatform.CTWING, CarrierMetrics.Outcome.FORGED);
            LOG.warn("ctwing push refused: wrong secret path");
            ctx.response().setStatusCode(404).end();
            return;
        }
        String source = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        if (!config.ctwingAllowedSources().isEmpty() && !config.ctwingAllowedSources().contains(source)) {
            metrics.push(CarrierPlatform.CTWING, CarrierMetrics.Outcome.FORGED);
            LOG.warn("ctwing push refused: source not allowed");
            ctx.response().setStatusCode(403).end();
            return;
        }
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        body = body == null ? "" : body;
        // Authenticated by its path: even an unreadable body is kept, and refused with its reason by the decoder,
        // so the platform is answered 200 and does not retry a poison message.
        accept(ctx, CarrierPlatform.CTWING, CtwingPush.dedupKey(body), body, started);
    }

    private void accept(RoutingContext ctx, CarrierPlatform platform, String dedupKey, String body, long started) {
        io.vertx.core.Future.fromCompletionStage(inbox.accept(new CarrierStore.Accept(platform, dedupKey, body)),
                vertx.getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                metrics.push(platform, CarrierMetrics.Outcome.FAILED);
                LOG.warn("carrier push not stored, platform will retry [platform: {}, error: {}]", platform,
                        done.cause().toString());
                ctx.response().setStatusCode(503).end();
                return;
            }
            boolean fresh = done.result();
            metrics.push(platform, fresh ? CarrierMetrics.Outcome.ACCEPTED : CarrierMetrics.Outcome.DUPLICATE);
            metrics.accepted(System.nanoTime() - started);
            LOG.debug("carrier push stored [platform: {}, new: {}]", platform, fresh);
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("ok");
            if (fresh) {
                vertx.eventBus().publish(Addresses.CARRIER_INBOX_PENDING, "{\"platform\":\"" + platform + "\"}");
            }
        });
    }
}
