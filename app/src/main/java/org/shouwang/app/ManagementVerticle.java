package org.shouwang.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.PrometheusRequestHandler;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener: {@code GET /metrics} in Prometheus text format on an address of its own
 * ({@code management.host}/{@code management.port}), apart from the console, so the scraper needs no login
 * and the metrics need not be exposed where staff reach the console. Anything else answers 404.
 */
final class ManagementVerticle extends AbstractVerticle {

    static final String METRICS_PATH = "/metrics";
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
                        .requestHandler(PrometheusRequestHandler.create(registry, METRICS_PATH))
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
