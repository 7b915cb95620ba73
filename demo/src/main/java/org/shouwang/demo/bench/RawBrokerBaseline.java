package org.shouwang.demo.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * What the broker carries without the platform: one Paho publisher to one Paho subscriber, QoS 1 both ways,
 * messages of a meter reading's size, for a fixed time. The publisher keeps at most {@link #WINDOW} messages
 * ahead of the subscriber, so the broker never drops for a full queue and the rate is what it delivers.
 */
public final class RawBrokerBaseline {

    /** Messages the publisher may be ahead of the subscriber; also the publisher's Paho in-flight window. */
    static final int WINDOW = 1000;

    /** Messages the subscriber received in {@code elapsed}, and what the publisher sent. */
    public record Result(long received, long published, Duration elapsed) {
        public double perSecond() {
            return elapsed.isZero() ? 0 : received * 1e9 / elapsed.toNanos();
        }
    }

    private final String brokerUrl;
    private final String run;

    /** {@code run} keeps the clients and topic apart from those of other runs on a shared broker. */
    public RawBrokerBaseline(String brokerUrl, String run) {
        this.brokerUrl = brokerUrl;
        this.run = run;
    }

    public Result run(byte[] payload, Duration duration) throws MqttException, InterruptedException {
        String topic = "shouwang-bench/" + run + "/raw";
        Semaphore ahead = new Semaphore(WINDOW);
        AtomicLong received = new AtomicLong();
        MqttClient subscriber = new MqttClient(brokerUrl, "bench-raw-sub-" + run, new MemoryPersistence());
        MqttAsyncClient publisher = new MqttAsyncClient(brokerUrl, "bench-raw-pub-" + run, new MemoryPersistence());
        try {
            subscriber.setCallback(new Counting(received, ahead));
            subscriber.connect(options());
            subscriber.subscribe(topic, 1);
            publisher.connect(options()).waitForCompletion(10_000);
            long published = 0;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            while (System.nanoTime() < end) {
                if (!ahead.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                publishWhenPahoHasRoom(publisher, topic, payload);
                published++;
            }
            long elapsed = System.nanoTime() - start;
            Result result = new Result(received.get(), published, Duration.ofNanos(elapsed));
            // Let what is in flight arrive before hanging up: Paho's receiver fails when closed mid-message.
            ahead.tryAcquire(WINDOW, 5, TimeUnit.SECONDS);
            return result;
        } finally {
            disconnect(publisher);
            if (subscriber.isConnected()) {
                subscriber.disconnect(1_000);
            }
            subscriber.close();
        }
    }

    private static void publishWhenPahoHasRoom(MqttAsyncClient publisher, String topic, byte[] payload)
            throws MqttException {
        while (true) {
            try {
                publisher.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                // Paho counts a publish in flight until its PUBACK is processed, which may trail the subscriber.
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    private static MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setMaxInflight(WINDOW);
        o.setConnectionTimeout(10);
        return o;
    }

    private static void disconnect(MqttAsyncClient c) throws MqttException {
        if (c.isConnected()) {
            c.disconnect(0).waitForCompletion(5_000);
        }
        c.close();
    }

    /** Counts what arrives and lets the publisher one message further. */
    private record Counting(AtomicLong received, Semaphore ahead) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
            ahead.release();
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
