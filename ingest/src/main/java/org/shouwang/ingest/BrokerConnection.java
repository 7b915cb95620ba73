package org.shouwang.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's MQTT connection (Paho): a persistent session under a stable client id, manual acknowledgements,
 * automatic reconnect with re-subscription. Each connection gets a number, so an acknowledgement is only
 * sent on the connection its message came on.
 */
final class BrokerConnection implements MqttCallbackExtended {

    /** Receives each message on Paho's callback thread, with the number of the connection it came on. */
    interface Receiver {
        void received(String topic, MqttMessage message, long connection);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    private static final int QOS = 1;
    private static final int SUBSCRIPTION_REFUSED = 0x80;

    private final IngestConfig config;
    private final String clientId;
    private final List<String> filters;
    private final IngestMetrics metrics;
    private final Receiver receiver;
    /** This session's current connection number, drawn from a sequence shared by all of ingest's sessions. */
    private final AtomicLong connection = new AtomicLong();
    private final AtomicLong connectionNumbers;
    private final List<String> unwanted;
    private volatile MqttAsyncClient client;
    private volatile Context context;

    /** One MQTT session of ingest: its own client id and the channels it subscribes to. */
    BrokerConnection(IngestConfig config, String clientId, List<String> filters, List<String> unwanted,
                     AtomicLong connectionNumbers, IngestMetrics metrics, Receiver receiver) {
        this.config = config;
        this.clientId = clientId;
        this.filters = List.copyOf(filters);
        this.unwanted = List.copyOf(unwanted);
        this.connectionNumbers = connectionNumbers;
        this.metrics = metrics;
        this.receiver = receiver;
    }

    /** Connects and subscribes; the future completes on {@code context}. */
    Future<Void> open(Context context) {
        this.context = context;
        Promise<Void> connected = Promise.promise();
        try {
            client = new MqttAsyncClient(config.brokerUrls().get(0), clientId, new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(this);
            client.connect(options(), null, completing(connected, "connect"));
        } catch (MqttException e) {
            connected.fail(e);
        }
        return connected.future().compose(v -> subscribe());
    }

    boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** True when the message arrived on this session's current connection. */
    boolean receivedOnCurrent(PendingMessage m) {
        return m.connection() == connection.get();
    }

    /** Acknowledges a message whose batch has committed, if the connection it came on is still the current one. */
    void ack(PendingMessage m) {
        if (m.qos() == 0) {
            return;
        }
        MqttAsyncClient c = client;
        if (c == null || m.connection() != connection.get() || !c.isConnected()) {
            metrics.countAckSkipped();
            LOG.debug("ack skipped, connection changed [mqtt id: {}]", m.mqttId());
            return;
        }
        try {
            c.messageArrivedComplete(m.mqttId(), m.qos());
            metrics.countAcked();
        } catch (MqttException e) {
            metrics.countAckSkipped();
            LOG.debug("ack not sent [mqtt id: {}, reason: {}]", m.mqttId(), e.getMessage());
        }
    }

    /** Disconnects and releases the client; un-acknowledged messages stay with the broker. Blocking. */
    void close() {
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(0).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("clean disconnect failed [reason: {}]", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT client close failed [reason: {}]", e.getMessage());
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connection.set(connectionNumbers.incrementAndGet());
        if (reconnect) {
            // Paho does not say whether the broker kept our session; subscribing again is harmless if it did.
            LOG.info("ingest reconnected to the broker, subscribing again [client: {}, node: {}]", clientId, serverUri);
            subscribe().onFailure(e -> LOG.warn("re-subscription failed [reason: {}]", e.getMessage()));
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        connection.set(connectionNumbers.incrementAndGet());
        LOG.warn("ingest lost the broker, reconnecting [client: {}, reason: {}]", clientId,
                cause == null ? null : cause.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        receiver.received(topic, message, connection.get());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Ingest publishes nothing to the broker.
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // A persistent session: the broker queues QoS 1 messages while ingest is away and re-sends unacknowledged ones.
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(30_000);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (config.brokerUrls().size() > 1) {
            // A clustered broker: Paho tries the nodes in turn, at the first connect and at every reconnect.
            options.setServerURIs(config.brokerUrls().toArray(String[]::new));
        }
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().toCharArray());
        }
        return options;
    }

    private Future<Void> subscribe() {
        Promise<Void> subscribed = Promise.promise();
        try {
            if (!unwanted.isEmpty()) {
                // A persistent session keeps the subscriptions of earlier runs (e.g. before readings and alarms
                // had sessions of their own): drop the channels this session must not carry.
                client.unsubscribe(unwanted.toArray(String[]::new));
            }
            String[] topics = filters.toArray(String[]::new);
            int[] qos = new int[topics.length];
            Arrays.fill(qos, QOS);
            client.subscribe(topics, qos, null, completing(subscribed, "subscribe"));
        } catch (MqttException e) {
            subscribed.fail(e);
        }
        return subscribed.future();
    }

    /** Completes the promise on the verticle's context; a refused subscription is a failure. */
    private IMqttActionListener completing(Promise<Void> promise, String action) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] granted = token.getGrantedQos();
                boolean refused = granted != null && Arrays.stream(granted).anyMatch(q -> q == SUBSCRIPTION_REFUSED);
                context.runOnContext(v -> {
                    if (refused) {
                        promise.fail(new IllegalStateException("broker refused " + filters));
                    } else {
                        promise.complete();
                    }
                });
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                context.runOnContext(v -> promise.fail(new IllegalStateException(action + " failed: " + e.getMessage(), e)));
            }
        };
    }
}
