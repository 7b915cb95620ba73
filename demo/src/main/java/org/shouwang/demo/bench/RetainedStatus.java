package org.shouwang.demo.bench;

import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouwang.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes the retained statuses a bench's devices leave, so a shared broker does not keep a run's devices. */
public final class RetainedStatus {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedStatus.class);

    private RetainedStatus() {
    }

    /** Best effort: a broker that cannot be tidied is logged, never the bench's failure. */
    public static void clear(String brokerUrl, String run, List<String> deviceIds) {
        try {
            MqttClient c = new MqttClient(brokerUrl, "bench-tidy-" + run, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            // Paho may count a just-acknowledged publish as still in flight; a wide window never refuses the next.
            options.setMaxInflight(1000);
            c.connect(options);
            try {
                for (String id : deviceIds) {
                    c.publish(Topics.of(id, Topics.Channel.STATUS), new byte[0], 1, true);
                }
            } finally {
                c.disconnect();
                c.close();
            }
        } catch (MqttException e) {
            LOG.warn("retained statuses of the bench's devices not cleared [devices: {}, error: {}]", deviceIds.size(),
                    e.toString());
        }
    }
}
