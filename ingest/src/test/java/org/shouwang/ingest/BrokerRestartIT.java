package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.PrivateMosquitto;
import org.shouwang.model.DeviceKind;

/**
 * A broker restart and an ingest restart in the middle of a stream lose nothing with the default configuration
 * (plain persistent subscription) and the repository's recommended Mosquitto settings (issue 9.2, 9.4). Runs a
 * private Mosquitto that it stops and starts; every message the broker acknowledged to the device must end up
 * in the database. The shared-subscription mode is measured beside it and its figure printed.
 */
class BrokerRestartIT {

    private static final int MESSAGES = 4_000;
    private IngestHarness h;
    private PrivateMosquitto broker;

    @BeforeEach
    void start() throws Exception {
        h = new IngestHarness();
        broker = PrivateMosquitto.recommended();
        broker.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            broker.close();
        } finally {
            h.close();
        }
    }

    @Test
    void aBrokerRestartMidStreamLosesNothingWithThePlainPersistentSubscription() throws Exception {
        Result plain = streamThroughABrokerRestart(null);

        System.out.printf("broker-restart: mode=plain sent=%d persisted=%d lost=%d%n", plain.sent, plain.persisted,
                plain.sent - plain.persisted);
        assertThat(plain.persisted).as("readings the broker acknowledged, in the database").isEqualTo(plain.sent);
    }

    @Test
    void theSharedSubscriptionIsMeasuredAcrossTheSameRestart() throws Exception {
        Result shared = streamThroughABrokerRestart("restart-" + h.run);

        // Mosquitto 2.0.11 does not restore $share subscriptions from persistence: what is published before
        // ingest subscribes again is dropped. Printed for the README, not asserted: it is the broker's behaviour.
        System.out.printf("broker-restart: mode=shared sent=%d persisted=%d lost=%d%n", shared.sent, shared.persisted,
                shared.sent - shared.persisted);
        assertThat(shared.persisted).isLessThanOrEqualTo(shared.sent).isPositive();
    }

    @Test
    void anIngestRestartWhileThousandsOfReadingsArriveLosesNothing() throws Exception {
        String meter = h.register("meter", DeviceKind.WATER_METER);
        IngestConfig config = h.config("qrestart").withSharedGroup(null).withBrokerUrl(broker.url());
        MqttIngestVerticle ingest = h.deploy(config);
        List<String> sent = new CopyOnWriteArrayList<>();
        try (StubbornPublisher device = new StubbornPublisher(broker.url(), meter)) {
            sent.add(device.reading(0));
            await().alias("first reading stored").atMost(Duration.ofSeconds(20)).until(() -> stored(meter) == 1);
            IngestHarness.await(h.undeploy(ingest));

            // Ingest is away: everything now queues in the broker for its persistent session, far past the
            // default max_queued_messages of 1000.
            for (int i = 1; i < MESSAGES; i++) {
                sent.add(device.reading(i));
            }
            h.deploy(config);
            await().alias("every reading sent while ingest was away").atMost(Duration.ofSeconds(90))
                    .until(() -> stored(meter) >= sent.size());
        }
        long persisted = stored(meter);
        System.out.printf("ingest-restart: queued_while_away=%d sent=%d persisted=%d lost=%d%n", MESSAGES - 1,
                sent.size(), persisted, sent.size() - persisted);
        assertThat(persisted).isEqualTo(sent.size());
    }

    private record Result(long sent, long persisted) {
    }

    /** Streams readings, restarts the broker once a third is acknowledged, waits until the stream is settled. */
    private Result streamThroughABrokerRestart(String sharedGroup) throws Exception {
        String meter = h.register("meter", DeviceKind.WATER_METER);
        IngestConfig config = h.config("brestart").withBrokerUrl(broker.url()).withSharedGroup(sharedGroup);
        MqttIngestVerticle ingest = h.deploy(config);
        List<String> sent = new CopyOnWriteArrayList<>();
        try (StubbornPublisher device = new StubbornPublisher(broker.url(), meter)) {
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(device.reading(i));
                if (i == MESSAGES / 3) {
                    broker.restart();
                }
            }
            // Settled: ingest is connected again and nothing more arrives for a while.
            await().alias("ingest reconnected").atMost(Duration.ofSeconds(60)).until(ingest::connected);
            long[] last = {-1};
            await().alias("the stream settled").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        long now = stored(meter);
                        boolean settled = now == last[0] && ingest.queueDepth() == 0;
                        last[0] = now;
                        return now >= sent.size() || settled;
                    });
        }
        return new Result(sent.size(), stored(meter));
    }

    private long stored(String meter) throws Exception {
        return h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meter);
    }
}
