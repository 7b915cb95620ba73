package org.shouwang.console;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One dependency the console reports on at {@code GET /health/ready} and {@code /health} (the database, the MQTT
 * broker, the rule engine, ...). The composition root supplies them, so the console needs to know nothing about
 * ingest, the rules or Paho.
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

    /**
     * Probes and says why in one step: null when healthy, else the reason. The health endpoint asks this; by
     * default it is {@link #healthy()} then {@link #reason()}. Override it when the reason is found by the
     * probe itself (how long a clock has stood still), so the two cannot disagree.
     */
    default String problem() throws Exception {
        return healthy() ? null : reason();
    }

    /** A check whose probe returns null when healthy, or the reason it is not. */
    static HealthCheck reporting(String name, Supplier<String> problem) {
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
                return problem.get() == null;
            }

            @Override
            public String problem() {
                return problem.get();
            }
        };
    }

    /** A check from a probe and the reason to report when the probe says no. */
    static HealthCheck of(String name, BooleanSupplier probe, String reason) {
        return reporting(name, () -> probe.getAsBoolean() ? null : reason);
    }
}
