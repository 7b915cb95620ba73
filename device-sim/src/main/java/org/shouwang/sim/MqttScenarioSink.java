package org.shouwang.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;

/**
 * Delivers a scenario to a running platform over MQTT, each device on its own connection (username =
 * device id) publishing at QoS 1 the very payloads real devices send, with the scenario's timestamps; the
 * {@link SimClock} the platform runs on follows simulated time.
 *
 * <p>{@code realTimePerSimulatedHour} paces the run: the platform acknowledges a message only after it is
 * durable, but hands it to the rules a moment later, so the clock must not outrun the rules by hours (a
 * meter would look silent). A few tens of milliseconds per simulated hour keeps them together and runs a
 * day in about a second.
 */
public final class MqttScenarioSink implements ScenarioSink, AutoCloseable {

    private final String brokerUrl;
    private final SimClock clock;
    private final long pauseNanosPerHour;
    private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();

    public MqttScenarioSink(String brokerUrl, SimClock clock, Duration realTimePerSimulatedHour) {
        this.brokerUrl = brokerUrl;
        this.clock = clock;
        this.pauseNanosPerHour = realTimePerSimulatedHour.toNanos();
    }

    @Override
    public void advanceTo(Instant t) {
        Instant before = clock.instant();
        clock.set(t);
        if (pauseNanosPerHour > 0 && t.isAfter(before)) {
            double hours = Duration.between(before, t).toMillis() / 3_600_000.0;
            LockSupport.parkNanos((long) (hours * pauseNanosPerHour));
        }
    }

    @Override
    public void telemetry(Telemetry t) {
        device(t.deviceId(), false).publishRaw(Topics.of(t.deviceId(), Topics.Channel.TELEMETRY),
                DevicePayloads.of(t));
    }

    @Override
    public void event(DeviceEvent e) {
        device(e.deviceId(), e.kind() == DeviceEvent.Kind.BUTTON).publishRaw(Topics.of(e.deviceId(), Topics.Channel.EVENT),
                DevicePayloads.of(e));
    }

    /** Takes every device offline (retained {@code offline}); safe to call twice. */
    @Override
    public synchronized void close() {
        devices.values().forEach(SimulatedDevice::close);
        devices.clear();
    }

    private synchronized SimulatedDevice device(String deviceId, boolean button) {
        return devices.computeIfAbsent(deviceId, id -> {
            SimulatedDevice d = button ? new CallButton(brokerUrl, id, clock) : new WaterMeter(brokerUrl, id, clock);
            d.connect();
            return d;
        });
    }
}
