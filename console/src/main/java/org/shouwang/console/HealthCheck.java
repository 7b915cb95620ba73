package org.shouwang.console;

import java.util.function.BooleanSupplier;

/**
 * One dependency the console reports on at {@code GET /health} (the database, the MQTT broker, ...).
 * The composition root supplies them, so the console needs to know nothing about ingest or Paho.
 */
public interface HealthCheck {

    /** Key of this check in the health document, e.g. {@code database}; unique per console. */
    String name();

    /**
     * Probes the dependency. May block (it runs on a worker thread) but should give up within a few
     * seconds; the console stops waiting after {@link HealthEndpoint#CHECK_TIMEOUT_SECONDS}. An exception
     * counts as unhealthy.
     */
    boolean healthy() throws Exception;

    /** Why the dependency is unhealthy, for an operator; asked only after {@link #healthy()} said no. */
    default String reason() {
        return "检查未通过";
    }

    /** A check from a probe and the reason to report when the probe says no. */
    static HealthCheck of(String name, BooleanSupplier probe, String reason) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("health check name is required");
        }
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean healthy() {
                return probe.getAsBoolean();
            }

            @Override
            public String reason() {
                return reason;
            }
        };
    }
}
