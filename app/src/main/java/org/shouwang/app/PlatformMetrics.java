package org.shouwang.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one meter registry of a process (Prometheus), with the JVM's meters bound to it, and the Vert.x instance
 * that reports its HTTP servers, event bus and worker pools to it too. Every part gets this registry; the
 * management listener serves it at {@code GET /metrics}.
 */
final class PlatformMetrics implements AutoCloseable {

    /** Vert.x keeps metrics backends by name in a static map: each platform in a JVM (tests) gets its own. */
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    PlatformMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A Vert.x instance whose own metrics ({@code vertx_*}) go to this registry. */
    Vertx vertx() {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true)
                .setRegistryName("shouwang-" + INSTANCES.incrementAndGet());
        return Vertx.builder().with(new VertxOptions().setMetricsOptions(metrics))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
