package org.shouwang.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;

/**
 * Delivers a scenario to a site's broker: every meter and button of the homes on a connection of its own,
 * logged in as {@link BrokerAccess} says, publishing at QoS 1 the payloads real devices send with the
 * scenario's timestamps. Unlike {@link MqttScenarioSink} it moves no platform clock (a site runs on its own):
 * it waits for real time to reach each message at the chosen {@link SimSpeed}, never sends faster than the rate
 * cap, and counts what each kind of device sent. All devices connect before anything is sent, so a refused
 * login fails the run at once.
 */
public final class SiteSink implements ScenarioSink, AutoCloseable {

    private static final int CONNECT_THREADS = 16;

    /** What the devices sent: readings from meters, button events, meter alarms. */
    public record Sent(long meterReadings, long buttonEvents, long meterAlarms) {
    }

    private final Map<String, SimulatedDevice> devices;
    private final SimSpeed speed;
    private final long spacingNanos;
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong buttonEvents = new AtomicLong();
    private final AtomicLong alarms = new AtomicLong();
    private Instant periodStart;
    private long realStart;
    private long nextSendAt;

    private SiteSink(Map<String, SimulatedDevice> devices, SimSpeed speed, double messagesPerSecond) {
        this.devices = devices;
        this.speed = speed;
        this.spacingNanos = (long) (1_000_000_000L / messagesPerSecond);
    }

    /** Connects the meter and button of every home; on any failure closes those connected and throws it. */
    public static SiteSink connect(BrokerAccess access, List<Home> homes, SimSpeed speed, double messagesPerSecond) {
        if (!(messagesPerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
        Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
        for (Home h : homes) {
            devices.put(h.meterId(), new WaterMeter(access.url(), h.meterId(), null, Clock.systemUTC(), 0));
            devices.put(h.buttonId(), new CallButton(access.url(), h.buttonId(), Clock.systemUTC()));
        }
        devices.values().forEach(access::configure);
        SiteSink sink = new SiteSink(devices, speed, messagesPerSecond);
        sink.connectAll();
        return sink;
    }

    /** Paho spends a few hundred milliseconds in each connect, so a fleet connects in parallel. */
    private void connectAll() {
        List<SimulatedDevice> all = new ArrayList<>(devices.values());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONNECT_THREADS, Math.max(1, all.size())), r -> {
            Thread t = new Thread(r, "shouwang-sim-connect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture.allOf(all.stream().map(d -> CompletableFuture.runAsync(d::connect, pool))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdown();
        }
    }

    /** How many meters are connected. */
    public int meters() {
        return (int) devices.values().stream().filter(d -> d instanceof WaterMeter).count();
    }

    /** How many call buttons are connected. */
    public int buttons() {
        return devices.size() - meters();
    }

    @Override
    public void advanceTo(Instant t) {
        if (periodStart == null) {
            periodStart = t;
            realStart = System.nanoTime();
            nextSendAt = realStart;
            return;
        }
        long due = realStart + speed.realNanos(Duration.between(periodStart, t));
        parkUntil(due);
    }

    @Override
    public void telemetry(Telemetry t) {
        publish(t.deviceId(), Topics.Channel.TELEMETRY, DevicePayloads.of(t));
        readings.incrementAndGet();
    }

    @Override
    public void event(DeviceEvent e) {
        publish(e.deviceId(), Topics.Channel.EVENT, DevicePayloads.of(e));
        (e.kind() == DeviceEvent.Kind.BUTTON ? buttonEvents : alarms).incrementAndGet();
    }

    public Sent sent() {
        return new Sent(readings.get(), buttonEvents.get(), alarms.get());
    }

    private void publish(String deviceId, Topics.Channel channel, byte[] payload) {
        SimulatedDevice device = devices.get(deviceId);
        if (device == null) {
            throw new IllegalStateException("device " + deviceId + " is not one of the simulated homes'");
        }
        parkUntil(nextSendAt);
        nextSendAt = Math.max(System.nanoTime(), nextSendAt) + spacingNanos;
        device.publishRaw(Topics.of(deviceId, channel), payload);
    }

    private static void parkUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted");
            }
        }
    }

    /** Takes every device offline (retained {@code offline}) and disconnects; safe to call twice. */
    @Override
    public void close() {
        devices.values().forEach(SimulatedDevice::close);
    }
}
