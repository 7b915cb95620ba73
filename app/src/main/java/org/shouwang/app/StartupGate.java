package org.shouwang.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up when the database does not answer yet: instead of exiting (and leaving a supervisor to restart it in a
 * loop), {@code shouwang run} waits, retrying with backoff, while the console's port answers readiness 503 with
 * the reason, so a load balancer or an operator sees why the platform is not serving. Once the database answers,
 * the gate closes and the platform starts on the same port.
 */
final class StartupGate implements AutoCloseable {

    static final long FIRST_RETRY_MS = 1_000;
    static final long MAX_RETRY_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(StartupGate.class);

    private static final String LIVE = "/health/live";
    private static final Set<String> READY = Set.of("/health", "/health/ready");
    /** The console's readiness body, with the one check that cannot pass yet. */
    private static final JsonObject NOT_READY = new JsonObject().put("status", "DOWN").put("checks", new JsonObject()
            .put("database", new JsonObject().put("up", false).put("reason", "数据库无响应，平台等待其恢复后启动")));

    private final Vertx vertx;
    private final HttpServer server;

    private StartupGate(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Answers on the console's address until closed, as the console's health endpoints would: readiness
     * ({@code /health/ready}, {@code /health}) 503 naming the database, liveness ({@code /health/live}) 200 (the
     * process is up and waiting: restarting it would not help), everything else 503 with a short text.
     */
    static StartupGate open(AppConfig.Console console) {
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            String path = req.path();
            if (LIVE.equals(path)) {
                json(req.response().setStatusCode(200), new JsonObject().put("status", "UP").put("checks", new JsonObject()));
            } else if (READY.contains(path)) {
                json(req.response().setStatusCode(503).putHeader("Retry-After", "10"), NOT_READY);
            } else {
                req.response().setStatusCode(503).putHeader("Retry-After", "10")
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("守望平台正在启动：数据库暂不可用，请稍后再试。");
            }
        });
        try {
            server.listen(console.port(), console.host()).await();
        } catch (RuntimeException e) {
            vertx.close().await();
            throw new IllegalStateException("console port " + console.port() + " not available: " + e.getMessage(), e);
        }
        LOG.warn("database not reachable, platform waits for it [readiness: 503 on {}:{}]", console.host(),
                console.port());
        return new StartupGate(vertx, server);
    }

    private static void json(HttpServerResponse response, JsonObject body) {
        response.putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }

    /** Blocks until a connection to the database succeeds, retrying with backoff; the password is never logged. */
    static void awaitDatabase(AppConfig.Database db) throws InterruptedException {
        long wait = FIRST_RETRY_MS;
        for (int attempt = 1; ; attempt++) {
            String state = probe(db);
            if (state == null) {
                return;
            }
            if (state.startsWith("28")) {
                // Wrong user or password: waiting will not help, and retrying only fills the server's log.
                throw new IllegalStateException("the database refuses the configured credentials (SQLSTATE " + state
                        + "): check database.user and database.password");
            }
            LOG.warn("database not reachable, retrying [attempt: {}, sqlstate: {}, retry in: {} ms]", attempt, state, wait);
            TimeUnit.MILLISECONDS.sleep(wait);
            wait = Math.min(wait * 2, MAX_RETRY_MS);
        }
    }

    /** Null when a connection opened within 5 s; else the SQLSTATE (or the failure's class) for the log. */
    static String probe(AppConfig.Database db) {
        return probe(db, 5);
    }

    /** As {@link #probe(AppConfig.Database)}, giving up on connecting and logging in after {@code timeoutSeconds}. */
    static String probe(AppConfig.Database db, int timeoutSeconds) {
        Properties p = new Properties();
        if (db.user() != null && !db.user().isBlank()) {
            p.setProperty("user", db.user());
        }
        if (db.password() != null && !db.password().isBlank()) {
            p.setProperty("password", db.password());
        }
        p.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        p.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        p.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        try (Connection c = DriverManager.getConnection(db.url(), p)) {
            return null;
        } catch (SQLException e) {
            return e.getSQLState() == null ? e.getClass().getSimpleName() : e.getSQLState();
        }
    }

    @Override
    public void close() {
        server.close().await();
        vertx.close().await();
    }
}
