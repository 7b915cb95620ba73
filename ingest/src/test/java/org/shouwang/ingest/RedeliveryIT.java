package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceKind;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.WaterMeter;

/**
 * QoS 1 is at least once: every copy of a message is acknowledged and one row results. Readings are
 * announced once; device events are announced again with every copy (see BatchWriter.Announcement), so
 * a crash between commit and announcement cannot swallow a button press.
 */
class RedeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private IngestHarness h;

    @BeforeEach
    void open() throws Exception {
        h = new IngestHarness();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void theSameMsgIdPublishedTwiceCreatesOneRowAndAnnouncesEveryEventCopy() throws Exception {
        MqttIngestVerticle ingest = h.deploy(h.config("dup"));
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        try (CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC());
             WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC())) {
            button.connect();
            meter.connect();

            String press = button.press();
            button.resend(button.lastMessage());
            button.press(press);
            String report = meter.reportUse(3.0, Duration.ofMinutes(10), 0.0);
            meter.resend(meter.lastMessage());
            // Messages of one device are handled in order: once the sentinel is on the bus, the press's copies were
            // handled. Readings have a writer of their own (issue 15): all three duplicates counted means the
            // reading's copy was handled too.
            String sentinel = button.press();

            await().alias("sentinel on the bus").atMost(WAIT).until(() -> h.eventsOnBus(buttonId, sentinel) == 1);
            await().alias("every copy handled").atMost(WAIT).until(() -> ingest.metrics().duplicates() == 3);
            // Copies that share a batch are announced once, copies in later batches again: 1 to 3 announcements.
            assertThat(h.eventsOnBus(buttonId, press)).as("the press is announced").isBetween(1L, 3L);
            assertThat(h.telemetryOnBus(meterId, report)).as("a reading is announced once").isEqualTo(1);
            assertThat(h.count("SELECT count(*) FROM device_event WHERE device_id = ? AND msg_id = ?", buttonId, press))
                    .isEqualTo(1);
            assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meterId)).isEqualTo(1);
            assertThat(h.count("SELECT count(*) FROM water_use WHERE device_id = ?", meterId)).isEqualTo(1);
            assertThat(ingest.metrics().duplicates()).isEqualTo(3);
        }
    }

    @Test
    void aPressPublishedWhileIngestIsDownArrivesWhenItComesBack() throws Exception {
        IngestConfig config = h.config("away");
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        MqttIngestVerticle first = h.deploy(config);
        IngestHarness.await(h.undeploy(first));

        try (CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC())) {
            button.connect();
            String press = button.press();

            h.deploy(config);

            await().alias("queued press delivered to the returning session").atMost(WAIT)
                    .until(() -> h.eventsOnBus(buttonId, press) == 1);
            assertThat(h.count("SELECT count(*) FROM device_event WHERE device_id = ?", buttonId)).isEqualTo(1);
        }
    }

    /**
     * GIVEN the writer is stuck before its commit (a test transaction holds a lock on the dedup table), WHEN
     * ingest goes away and comes back under the same client id, THEN the broker re-sends the message (it was
     * never acknowledged), and the copy finds the row the first writer committed: one row, and the copy is
     * announced again (had the first process died before announcing, this is what raises the alarm).
     */
    @Test
    void aMessageNotAcknowledgedBeforeIngestWentAwayIsRedeliveredAndStoredOnce() throws Exception {
        assumeFalse(TestServices.mqttIsEmbedded(),
                "Moquette 0.17 does not re-send an un-acknowledged message after a reconnect; Mosquitto does");
        IngestConfig config = h.config("crash");
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        MqttIngestVerticle first = h.deploy(config);
        try (CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC());
             Connection lock = h.db.dataSource().getConnection()) {
            button.connect();
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE ingested_message IN EXCLUSIVE MODE");
            }

            String press = button.press();
            await().alias("writer blocked on the lock").atMost(WAIT).until(() -> h.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") >= 1);
            Future<Void> undeployed = h.undeploy(first);
            await().alias("first ingest disconnected").atMost(WAIT).until(() -> !first.connected());
            lock.rollback();
            IngestHarness.await(undeployed);
            assertThat(h.eventsOnBus(buttonId, press)).as("the first writer committed and published").isEqualTo(1);

            MqttIngestVerticle second = h.deploy(config);

            await().alias("the broker re-sent the un-acknowledged press").atMost(WAIT)
                    .until(() -> second.metrics().duplicates() == 1);
            String sentinel = button.press();
            await().atMost(WAIT).until(() -> h.eventsOnBus(buttonId, sentinel) == 1);
            assertThat(h.eventsOnBus(buttonId, press)).as("first announcement and the re-sent copy's").isEqualTo(2);
            assertThat(h.count("SELECT count(*) FROM device_event WHERE device_id = ? AND msg_id = ?", buttonId, press))
                    .isEqualTo(1);
            assertThat(second.metrics().redelivered()).isGreaterThanOrEqualTo(1);
        }
    }
}
