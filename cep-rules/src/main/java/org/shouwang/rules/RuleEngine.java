package org.shouwang.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.DeploymentOptions;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.UpdateListener;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.shouwang.model.Alert;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Esper runtime running the rules of {@code rules.epl} on an external clock, turning accepted
 * telemetry and device events into {@link Alert}s; plain Java so tests drive days in milliseconds.
 *
 * <p>Not for concurrent feeding from several threads at once: methods are synchronized so the clock
 * check in {@link #advanceTo} and the event that follows stay in order.
 */
public final class RuleEngine implements AutoCloseable {

    /** The one deployment of {@code rules.epl}; each engine has its own runtime, so the id can be fixed. */
    public static final String DEPLOYMENT_ID = "shouwang-rules";
    static final String EPL_RESOURCE = "rules.epl";

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    // Esper keeps runtimes in a static registry by URI; tests run several engines in one JVM.
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final EPRuntime runtime;
    private final EPEventService events;
    private boolean closed;

    /**
     * Compiles and deploys the rules (about a second cold: build one engine and keep it).
     *
     * @param settings thresholds of the rules
     * @param start    the rule clock's initial time; timers count from here
     * @param sink     receives every alert, on the thread that fed the event or advanced the clock
     */
    public RuleEngine(RuleSettings settings, Instant start, Consumer<Alert> sink) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sink, "sink");
        Configuration config = new Configuration();
        // Time only moves when we say so: the platform clock in production, the test's hand in tests.
        config.getRuntime().getThreading().setInternalTimerEnabled(false);
        EPCompiled compiled = compile(config);

        String uri = "shouwang-rules-" + SEQUENCE.incrementAndGet();
        runtime = EPRuntimeProvider.getRuntime(uri, config);
        events = runtime.getEventService();
        try {
            // Before deploying: timers created at deployment must count from the start, not from 1970.
            events.advanceTime(start.toEpochMilli());
            deploy(compiled);
            var variables = runtime.getVariableService();
            variables.setVariableValue(DEPLOYMENT_ID, "noWaterWindowMs", settings.noWaterWindow().toMillis());
            variables.setVariableValue(DEPLOYMENT_ID, "noWaterMinLiters", settings.noWaterMinLiters());

            Consumer<Alert> loggingSink = alert -> {
                LOG.info("alert raised [rule: {}, device: {}, alert: {}]", alert.rule(), alert.deviceId(), alert.alertId());
                sink.accept(alert);
            };
            listen("button-pressed", new ButtonPressedListener(loggingSink));
            listen("no-water-use", new NoWaterUseListener(settings, loggingSink));
        } catch (RuntimeException e) {
            // The runtime sits in Esper's static registry; a half-built engine must not leak it.
            runtime.destroy();
            throw e;
        }
        LOG.info("rule engine started [runtime: {}, start: {}, settings: {}]", uri, start, settings);
    }

    /** Feeds one accepted meter reading; a reading without intervals still counts as the meter reporting. */
    public synchronized void onTelemetry(Telemetry telemetry) {
        ensureOpen();
        Objects.requireNonNull(telemetry.deviceId(), "deviceId");
        LOG.debug("telemetry in [device: {}, msg: {}]", telemetry.deviceId(), telemetry.msgId());
        events.sendEventMap(Map.of(
                "deviceId", telemetry.deviceId(),
                "msgId", String.valueOf(telemetry.msgId()),
                "liters", telemetry.litersUsed()), "MeterReport");
    }

    /** Feeds one accepted device event; meter alarms are not judged by this slice of the rules yet. */
    public synchronized void onEvent(DeviceEvent event) {
        ensureOpen();
        Objects.requireNonNull(event.deviceId(), "deviceId");
        if (event.kind() != DeviceEvent.Kind.BUTTON || event.action() == null) {
            LOG.debug("event ignored [device: {}, msg: {}, kind: {}]", event.deviceId(), event.msgId(), event.kind());
            return;
        }
        LOG.debug("button event in [device: {}, msg: {}, action: {}]", event.deviceId(), event.msgId(), event.action());
        events.sendEventMap(Map.of(
                "deviceId", event.deviceId(),
                "msgId", String.valueOf(event.msgId()),
                "action", event.action().name()), "ButtonEvent");
    }

    /**
     * Moves the rule clock forward to {@code target}, firing every timer in between in time order (so a
     * 48-hour jump fires the 24-hour alert at its own time). A target at or before now is ignored: the
     * rule clock never moves backwards, even if the wall clock does.
     */
    public synchronized void advanceTo(Instant target) {
        ensureOpen();
        long targetMillis = target.toEpochMilli();
        if (targetMillis > events.getCurrentTime()) {
            events.advanceTimeSpan(targetMillis);
        }
    }

    /** The rule clock's current time. */
    public synchronized Instant now() {
        ensureOpen();
        return Instant.ofEpochMilli(events.getCurrentTime());
    }

    /** Destroys the runtime and its state; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String uri = runtime.getURI();
        runtime.destroy();
        LOG.info("rule engine closed [runtime: {}]", uri);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("rule engine is closed");
        }
    }

    private static EPCompiled compile(Configuration config) {
        URL epl = RuleEngine.class.getResource(EPL_RESOURCE);
        if (epl == null) {
            throw new IllegalStateException("EPL resource missing: " + EPL_RESOURCE);
        }
        try {
            var compiler = EPCompilerProvider.getCompiler();
            return compiler.compile(compiler.readModule(epl), new CompilerArguments(config));
        } catch (IOException | com.espertech.esper.common.client.module.ParseException | EPCompileException e) {
            throw new IllegalStateException("cannot compile " + EPL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private void deploy(EPCompiled compiled) {
        try {
            runtime.getDeploymentService().deploy(compiled, new DeploymentOptions().setDeploymentId(DEPLOYMENT_ID));
        } catch (EPDeployException e) {
            throw new IllegalStateException("cannot deploy " + EPL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private void listen(String statementName, UpdateListener listener) {
        var statement = runtime.getDeploymentService().getStatement(DEPLOYMENT_ID, statementName);
        if (statement == null) {
            throw new IllegalStateException("statement missing from " + EPL_RESOURCE + ": " + statementName);
        }
        statement.addListener(listener);
    }
}
