package org.shouwang.console;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.Objects;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.notifier.IncidentCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff console: the JSON API under {@code /api}, {@code /health}, and the page from
 * {@code webroot/}. Every JDBC call and incident command runs on a worker thread.
 */
public final class ConsoleVerticle extends AbstractVerticle {

    /** Registry forms and commands are a few hundred bytes; anything near this is a mistake or abuse. */
    static final long BODY_LIMIT_BYTES = 64 * 1024;
    /** Short enough that staff get a new page within minutes of an upgrade. */
    private static final long STATIC_MAX_AGE_SECONDS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleVerticle.class);

    private final ConsoleConfig config;
    private final RegistryStore registry;
    private final IncidentStore incidents;
    private final IncidentCommands commands;
    private final List<HealthCheck> healthChecks;
    private volatile HttpServer server;

    public ConsoleVerticle(ConsoleConfig config, RegistryStore registry, IncidentStore incidents,
                           IncidentCommands commands, List<HealthCheck> healthChecks) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.healthChecks = List.copyOf(healthChecks);
    }

    @Override
    public void start(Promise<Void> startPromise) {
        Future.succeededFuture()
                .map(v -> router())
                .compose(router -> vertx.createHttpServer()
                        .requestHandler(router)
                        .listen(config.port(), config.host()))
                .onSuccess(s -> {
                    server = s;
                    LOG.info("console listening [host: {}, port: {}]", config.host(), s.actualPort());
                })
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        HttpServer s = server;
        server = null;
        if (s == null) {
            stopPromise.complete();
            return;
        }
        s.close().onSuccess(v -> LOG.info("console stopped")).onComplete(stopPromise);
    }

    /** The port the console listens on (the chosen one when configured with 0); fails before start. */
    public int actualPort() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("console is not listening");
        }
        return s.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(ConsoleVerticle::securityHeaders);

        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        new IncidentApi(vertx, incidents, registry, commands).mount(router);
        new RegistryApi(vertx, registry).mount(router);
        // After every API route: an unknown /api path is a JSON 404, not the page or an HTML error.
        router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound("接口不存在")));
        router.route("/api/*").failureHandler(Replies::failure);

        router.get("/health").handler(new HealthEndpoint(vertx, healthChecks)::handle);
        router.route("/health").failureHandler(Replies::failure);

        router.route("/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(STATIC_MAX_AGE_SECONDS));
        return router;
    }

    /** The page loads only its own files, so injected markup could neither run scripts nor call out. */
    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy",
                        "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        ctx.next();
    }
}
