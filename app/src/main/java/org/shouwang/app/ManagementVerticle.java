package org.shouwang.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener: {@code GET /metrics} in Prometheus text format on an address of its own
 * ({@code management.host}/{@code management.port}), apart from the console, so the scraper needs no login
 * and the metrics need not be exposed where staff reach the console. Anything else answers 404.
 *
 * <p>The scrape runs on a worker, not in vertx-micrometer's {@code PrometheusRequestHandler}: that one scrapes on
 * the event loop and, should the scrape throw, never answers, leaving the scraper to time out with no reason; here
 * a failed scrape answers 500 and is logged.
 */
final class ManagementVerticle extends AbstractVerticle {

    static final String METRICS_PATH = "/metrics";
    /** Prometheus's text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ManagementVerticle.class);

    private final AppConfig.Management config;
    private final PrometheusMeterRegistry registry;
    private volatile HttpServer server;

    ManagementVerticle(AppConfig.Management config, PrometheusMeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void start(Promise<Void> startPromise) {
        Future.succeededFuture()
                .compose(v -> vertx.createHttpServer()
                        .requestHandler(this::handle)
                        .listen(config.port(), config.host()))
                .onSuccess(s -> {
                    server = s;
                    LOG.info("management listening [host: {}, port: {}, metrics: {}]", config.host(), s.actualPort(),
                            METRICS_PATH);
                })
                .onFailure(cause -> LOG.warn("management listener did not start [host: {}, port: {}, reason: {}]",
                        config.host(), config.port(), cause.getMessage()))
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    private void handle(HttpServerRequest req) {
        if (!METRICS_PATH.equals(req.path())) {
            req.response().setStatusCode(404).end();
            return;
        }
        vertx.executeBlocking(registry::scrape, false).onComplete(scraped -> {
            if (scraped.succeeded()) {
                req.response().putHeader("Content-Type", CONTENT_TYPE).end(scraped.result());
            } else {
                LOG.error("metrics scrape failed", scraped.cause());
                req.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("scrape failed: " + scraped.cause().getClass().getSimpleName());
            }
        });
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        HttpServer s = server;
        server = null;
        (s == null ? Future.<Void>succeededFuture() : s.close()).onComplete(stopPromise);
    }

    /** The port it listens on (the chosen one when configured with 0); fails before start. */
    int actualPort() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("management listener is not listening");
        }
        return s.actualPort();
    }
}
