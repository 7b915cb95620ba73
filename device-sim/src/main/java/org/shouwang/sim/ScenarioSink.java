package org.shouwang.sim;

import java.time.Instant;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;

/**
 * Where a {@link ScenarioRunner} delivers a simulated period: straight into a rule engine with its clock
 * moved (fast, for month-long tests) or over MQTT to a running platform ({@link MqttScenarioSink}).
 * Calls come in time order; {@link #advanceTo} precedes every message with the message's arrival time.
 */
public interface ScenarioSink {

    /** Simulated time moves on to {@code t} (never backwards). */
    void advanceTo(Instant t);

    /** A meter's upload, as ingest would accept it ({@code receivedAt} is its arrival). */
    void telemetry(Telemetry telemetry);

    /** A button press or meter alarm, as ingest would accept it. */
    void event(DeviceEvent event);
}
