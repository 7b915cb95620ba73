package org.shouwang.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Topics;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.DevicePayloads;

/**
 * A device that keeps its session and publishes each reading until the broker acknowledges it, reconnecting
 * quickly when the broker is gone: the count of acknowledged messages is what the broker owes the platform.
 */
final class StubbornPublisher implements AutoCloseable {

    private final MqttClient client;
    private final String deviceId;
    private final MqttConnectOptions options = new MqttConnectOptions();

    StubbornPublisher(String url, String deviceId) throws MqttException {
        this.deviceId = deviceId;
        this.client = new MqttClient(url, deviceId, new MemoryPersistence());
        options.setCleanSession(false);
        options.setMaxInflight(1000);
        options.setConnectionTimeout(2);
        client.setTimeToWait(5_000);
        client.connect(options);
    }

    /** Publishes reading number {@code n} until acknowledged; returns its msgId. */
    String reading(int n) {
        String msgId = "r-" + n;
        Instant now = Clock.systemUTC().instant();
        byte[] payload = DevicePayloads.telemetry(msgId, now, n, List.of(new WaterInterval(now.minusSeconds(1), now,
                0.1)), 0.0, 90, -70);
        return publish(Topics.Channel.TELEMETRY, msgId, payload);
    }

    /** Publishes a button press until acknowledged, as a call button retries at QoS 1; returns its msgId. */
    String press(String msgId) {
        byte[] payload = DevicePayloads.button(msgId, Clock.systemUTC().instant(), DeviceEvent.Action.PRESS, 80);
        return publish(Topics.Channel.EVENT, msgId, payload);
    }

    private String publish(Topics.Channel channel, String msgId, byte[] payload) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (!client.isConnected()) {
                    client.connect(options);
                }
                client.publish(Topics.of(deviceId, channel), payload, 1, false);
                return msgId;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker did not take " + msgId + " within 60 s", e);
                }
                // The broker is restarting, or (a cluster) moving the stream of a lost node to another one.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
