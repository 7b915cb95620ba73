package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.shouwang.embedded.EmbeddedBroker;
import org.shouwang.model.PayloadLimits;
import org.shouwang.testkit.PrivateMosquitto;

/**
 * The brokers carry every payload ingest accepts: the recommended Mosquitto ({@code docs/mosquitto/shouwang.conf})
 * and the demo's embedded Moquette (whose own default, 8,092 bytes, would refuse a day of quarter-hours). A broker that
 * refused a message ingest would take would disconnect the meter instead of letting ingest quarantine it.
 */
class BrokerPayloadSizeIT {

    private static final int LARGEST = PayloadLimits.DEFAULTS.maxBytes();

    @Test
    void theRecommendedMosquittoCarriesTheLargestAcceptedPayload() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.recommended()) {
            broker.start();
            assertThat(roundTrip(broker.url())).as(broker.log()).isEqualTo(LARGEST);
        }
    }

    @Test
    void theEmbeddedBrokerCarriesTheLargestAcceptedPayload() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            assertThat(roundTrip("tcp://127.0.0.1:" + broker.port())).isEqualTo(LARGEST);
        }
    }

    /** Publishes a payload of the largest accepted size at QoS 1 and returns the size that arrived. */
    private static int roundTrip(String url) throws Exception {
        BlockingQueue<Integer> arrived = new ArrayBlockingQueue<>(1);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        MqttClient subscriber = new MqttClient(url, "size-sub", new MemoryPersistence());
        MqttClient publisher = new MqttClient(url, "size-pub", new MemoryPersistence());
        try {
            subscriber.connect(options);
            subscriber.subscribe("shouwang/v1/size-meter/telemetry", 1,
                    (topic, message) -> arrived.offer(message.getPayload().length));
            publisher.connect(options);
            publisher.publish("shouwang/v1/size-meter/telemetry", new byte[LARGEST], 1, false);
            Integer size = arrived.poll(10, TimeUnit.SECONDS);
            return size == null ? -1 : size;
        } finally {
            disconnect(publisher);
            disconnect(subscriber);
        }
    }

    private static void disconnect(MqttClient client) throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
