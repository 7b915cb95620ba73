package org.shouwang.demo.bench;

import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouwang.model.Topics;

/** Removes the retained statuses a bench's devices leave, so a shared broker does not keep a run's devices. */
public final class RetainedStatus {

    private RetainedStatus() {
    }

    public static void clear(String brokerUrl, String run, List<String> deviceIds) throws MqttException {
        MqttClient c = new MqttClient(brokerUrl, "bench-tidy-" + run, new MemoryPersistence());
        c.connect();
        try {
            for (String id : deviceIds) {
                c.publish(Topics.of(id, Topics.Channel.STATUS), new byte[0], 1, true);
            }
        } finally {
            c.disconnect();
            c.close();
        }
    }
}
