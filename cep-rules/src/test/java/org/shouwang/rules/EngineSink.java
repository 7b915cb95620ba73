package org.shouwang.rules;

import java.time.Instant;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.sim.ScenarioSink;

/** A simulated period fed straight into a rule engine, its clock moved to each message's arrival. */
final class EngineSink implements ScenarioSink {

    private final RuleEngine engine;

    EngineSink(RuleEngine engine) {
        this.engine = engine;
    }

    @Override
    public void advanceTo(Instant t) {
        engine.advanceTo(t);
    }

    @Override
    public void telemetry(Telemetry telemetry) {
        engine.onTelemetry(telemetry);
    }

    @Override
    public void event(DeviceEvent event) {
        engine.onEvent(event);
    }
}
