package org.shouwang.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Topics;
import org.shouwang.model.WaterInterval;

/**
 * A smart water meter: reports interval readings with its running total, flow, battery and signal, and
 * raises alarms (leak, tamper, reverse flow).
 */
public final class WaterMeter extends SimulatedDevice {

    private double totalLiters;
    private volatile int battery = 90;
    private volatile int rssi = -80;

    public WaterMeter(String brokerUrl, String deviceId, Clock clock) {
        this(brokerUrl, deviceId, null, clock, 0);
    }

    /** A meter that has already counted {@code initialTotalLiters} before the simulation starts. */
    public WaterMeter(String brokerUrl, String deviceId, String password, Clock clock, double initialTotalLiters) {
        super(brokerUrl, deviceId, password, clock);
        this.totalLiters = initialTotalLiters;
    }

    /** Reports interval readings; the running total grows by their litres. Returns the message id. */
    public String report(List<WaterInterval> intervals, double flowLpm) {
        return report(nextMsgId(), intervals, flowLpm);
    }

    /** Reports with a chosen message id; to repeat a message byte for byte use {@link #resend}. */
    public synchronized String report(String msgId, List<WaterInterval> intervals, double flowLpm) {
        double used = intervals.stream().mapToDouble(WaterInterval::liters).sum();
        totalLiters += used;
        byte[] payload = DevicePayloads.telemetry(msgId, clock.instant(), totalLiters, intervals, flowLpm,
                battery, rssi);
        return send(Topics.Channel.TELEMETRY, msgId, payload);
    }

    /** One interval of {@code liters} ending now and lasting {@code over}; flow as given. */
    public String reportUse(double liters, Duration over, double flowLpm) {
        Instant end = clock.instant();
        return report(List.of(new WaterInterval(end.minus(over), end, liters)), flowLpm);
    }

    public String alarm(DeviceEvent.AlarmCode code) {
        String msgId = nextMsgId();
        return send(Topics.Channel.EVENT, msgId, DevicePayloads.alarm(msgId, clock.instant(), code, battery));
    }

    public synchronized double totalLiters() {
        return totalLiters;
    }

    public int battery() {
        return battery;
    }

    public void battery(int percent) {
        this.battery = percent;
    }

    public int rssi() {
        return rssi;
    }

    public void rssi(int dbm) {
        this.rssi = dbm;
    }
}
