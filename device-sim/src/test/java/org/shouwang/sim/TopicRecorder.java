package org.shouwang.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho subscriber that records what the broker delivers on a topic filter. */
final class TopicRecorder implements AutoCloseable {

    /** One delivered message as the subscriber saw it. */
    record Received(String topic, String body, int qos, boolean retained) {
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    TopicRecorder(String brokerUrl, String filter) throws MqttException {
        client = new MqttClient(brokerUrl, "rec-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        client.subscribe(filter, 1, (topic, message) -> received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(), message.isRetained())));
    }

    /** Removes a retained message, so test devices leave nothing behind on a shared broker. */
    static void clearRetained(String brokerUrl, String... topics) throws MqttException {
        MqttClient c = new MqttClient(brokerUrl, "clr-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        c.connect();
        for (String topic : topics) {
            c.publish(topic, new byte[0], 1, true);
        }
        c.disconnect();
        c.close();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect(0);
        client.close();
    }
}
