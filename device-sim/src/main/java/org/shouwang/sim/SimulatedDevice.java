package org.shouwang.sim;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouwang.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated device on the broker, behaving as the v1 contract asks of real hardware: username and
 * client id are the device id, a retained {@code offline} Will on its status topic, a retained
 * {@code online} once connected, and every message published at QoS 1, returning only after the
 * broker's PUBACK.
 */
public abstract class SimulatedDevice implements AutoCloseable {

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
    private static final int QOS = 1;

    protected final Clock clock;
    private final String deviceId;
    private final String password;
    private final MqttClient client;
    /** Distinguishes this run's message ids from those of an earlier run of the same device id. */
    private final String bootId;
    private final AtomicLong counter = new AtomicLong();
    private volatile SentMessage last;
    private volatile boolean closed;
    private volatile Consumer<MqttConnectOptions> login = options -> { };
    /** The options of the last {@link #connect}, for connecting again after the broker went away. */
    private volatile MqttConnectOptions connected;

    protected SimulatedDevice(String brokerUrl, String deviceId, String password, Clock clock) {
        if (deviceId == null || !Topics.DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("not a valid device id: " + deviceId);
        }
        this.deviceId = deviceId;
        this.password = password;
        this.clock = clock;
        this.bootId = Long.toString(clock.millis(), 36);
        try {
            this.client = new MqttClient(brokerUrl, deviceId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new SimulatorException("cannot create MQTT client for " + deviceId, e);
        }
    }

    /** Connects with a clean session and announces the device {@code online} (retained). */
    public void connect() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setUserName(deviceId);
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(64);
        options.setWill(statusTopic(), OFFLINE.getBytes(StandardCharsets.UTF_8), QOS, true);
        login.accept(options);
        try {
            client.connect(options);
            client.publish(statusTopic(), ONLINE.getBytes(StandardCharsets.UTF_8), QOS, true);
        } catch (MqttException e) {
            throw new SimulatorException("device " + deviceId + " cannot connect", e);
        }
        connected = options;
        LOG.debug("device online [device: {}]", deviceId);
    }

    /**
     * Adjusts how {@link #connect} logs in, applied last: another username or password, TLS. A site's broker
     * may want a password from a file, or a shared test account, where a test broker takes the id alone.
     */
    public void login(Consumer<MqttConnectOptions> adjust) {
        this.login = adjust == null ? options -> { } : adjust;
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** The next message id of this device: unique per device, also across restarts of the simulator. */
    public String nextMsgId() {
        return bootId + "-" + counter.incrementAndGet();
    }

    /** The last message sent through {@link #send}, or null. */
    public SentMessage lastMessage() {
        return last;
    }

    /** Publishes the same bytes again, as a device does when it missed the PUBACK. */
    public SentMessage resend(SentMessage message) {
        publishRaw(message.topic(), message.payload());
        return message;
    }

    /**
     * Publishes arbitrary bytes at QoS 1, for tests of bad input; waits for the PUBACK. Paho may still count a
     * just-acknowledged publish as in flight ("too many publishes in progress"): that is retried briefly, as a
     * device would, instead of failing the send. A connection the broker dropped (a restart, a cluster node lost,
     * a store that timed out) is made again and the message sent again, for up to {@value #RECONNECT_SECONDS} s,
     * as a QoS 1 device does with a message it has no PUBACK for.
     */
    public void publishRaw(String topic, byte[] payload) {
        long reconnectUntil = System.nanoTime() + RECONNECT_SECONDS * 1_000_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish(topic, payload, QOS, false);
                return;
            } catch (MqttException e) {
                boolean busy = e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT && attempt < MAX_INFLIGHT_RETRIES;
                boolean dropped = DROPPED.contains(e.getReasonCode()) && !closed && connected != null
                        && System.nanoTime() < reconnectUntil;
                if (!busy && !dropped) {
                    throw new SimulatorException("device " + deviceId + " cannot publish", e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(dropped ? 200_000_000L : 20_000_000L);
                if (dropped) {
                    reconnect();
                }
            }
        }
    }

    private static final int MAX_INFLIGHT_RETRIES = 250;
    private static final long RECONNECT_SECONDS = 60;
    /** Paho's reasons for a publish that failed because the connection is gone or the broker never answered. */
    private static final java.util.Set<Integer> DROPPED = java.util.Set.of(
            (int) MqttException.REASON_CODE_CLIENT_NOT_CONNECTED, (int) MqttException.REASON_CODE_CONNECTION_LOST,
            (int) MqttException.REASON_CODE_CLIENT_TIMEOUT, (int) MqttException.REASON_CODE_SERVER_CONNECT_ERROR);

    /** One attempt to connect again and announce {@code online}; a failure is left to the caller's next try. */
    private synchronized void reconnect() {
        if (client.isConnected()) {
            return;
        }
        try {
            client.connect(connected);
            client.publish(statusTopic(), ONLINE.getBytes(StandardCharsets.UTF_8), QOS, true);
            LOG.debug("device connected again [device: {}]", deviceId);
        } catch (MqttException e) {
            LOG.debug("device not connected yet [device: {}, reason: {}]", deviceId, e.getMessage());
        }
    }

    /** Drops the connection without a DISCONNECT packet, so the broker publishes the Will. */
    public void crash() {
        try {
            client.disconnectForcibly(0, 1000, false);
            client.close();
        } catch (MqttException e) {
            throw new SimulatorException("device " + deviceId + " cannot drop its connection", e);
        } finally {
            closed = true;
        }
    }

    /** Announces {@code offline} (retained) and disconnects cleanly; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (client.isConnected()) {
                client.publish(statusTopic(), OFFLINE.getBytes(StandardCharsets.UTF_8), QOS, true);
                client.disconnect(0);
            }
            client.close();
        } catch (MqttException e) {
            LOG.warn("device did not close cleanly [device: {}, reason: {}]", deviceId, e.getMessage());
        }
    }

    /** Sends a contract message on one of the device's channels and remembers it for {@link #resend}. */
    protected String send(Topics.Channel channel, String msgId, byte[] payload) {
        SentMessage message = new SentMessage(Topics.of(deviceId, channel), msgId, payload);
        publishRaw(message.topic(), payload);
        last = message;
        LOG.debug("device sent [device: {}, channel: {}, msgId: {}]", deviceId, channel, msgId);
        return msgId;
    }

    protected String statusTopic() {
        return Topics.of(deviceId, Topics.Channel.STATUS);
    }
}
