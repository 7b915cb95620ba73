package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceKind;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.WaterMeter;

/**
 * A press never waits behind readings (issue 15): while the readings' writer keeps failing on a batch the database
 * will not take for now (a transient error, retried with nothing acknowledged), another home's press is stored and
 * announced at once by the presses' own writer; once the database takes readings again, every reading is written.
 * Real broker, real PostgreSQL.
 */
class PressesApartIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static IngestHarness h;
    private static MqttIngestVerticle ingest;

    @BeforeAll
    static void start() throws Exception {
        h = new IngestHarness();
        ingest = h.deploy(h.config("apart"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void aPressIsStoredAndAnnouncedWhileTheReadingsWriterRetriesAFailingBatch() throws Exception {
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        sql("CREATE FUNCTION test_readings_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'readings refused for now' USING ERRCODE = '40001'; END $$");
        sql("CREATE TRIGGER test_readings_down BEFORE INSERT ON telemetry FOR EACH ROW"
                + " EXECUTE FUNCTION test_readings_down()");
        List<String> readings = new ArrayList<>();
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC());
             CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC())) {
            meter.connect();
            button.connect();
            for (int i = 0; i < 20; i++) {
                readings.add(meter.reportUse(0.5, Duration.ofMinutes(1), 0.0));
            }
            await().alias("the readings' writer is failing").atMost(WAIT).until(() -> !ingest.writerCommitting());

            String press = button.press();

            await().alias("the press is stored while readings cannot be").atMost(WAIT).until(() ->
                    h.count("SELECT count(*) FROM device_event WHERE device_id = ? AND msg_id = ?", buttonId, press) == 1);
            await().alias("and announced").atMost(WAIT).until(() -> h.eventsOnBus(buttonId, press) >= 1);
            assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meterId))
                    .as("the readings are still not written").isZero();

            sql("DROP TRIGGER test_readings_down ON telemetry");

            await().alias("every reading written once the database takes them").atMost(WAIT).until(() ->
                    h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meterId) == readings.size());
            await().alias("the readings' writer is healthy again").atMost(WAIT).until(ingest::writerCommitting);
        }
    }

    @Test
    void withSeveralReadingsWritersEachMetersReadingsAreWrittenAndAnnouncedInOrder() throws Exception {
        assertThat(h.config("any").writers()).as("the default runs more than one readings' writer").isGreaterThan(1);
        List<String> meters = List.of(h.register("meter", DeviceKind.WATER_METER),
                h.register("meter", DeviceKind.WATER_METER), h.register("meter", DeviceKind.WATER_METER));
        java.util.Map<String, List<String>> sent = new java.util.HashMap<>();
        List<WaterMeter> clients = new ArrayList<>();
        try {
            for (String id : meters) {
                WaterMeter m = new WaterMeter(h.mqttUrl, id, Clock.systemUTC());
                m.connect();
                clients.add(m);
                sent.put(id, new ArrayList<>());
            }
            for (int i = 0; i < 40; i++) {
                for (WaterMeter m : clients) {
                    sent.get(m.deviceId()).add(m.reportUse(0.2, Duration.ofMinutes(1), 0.0));
                }
            }
            await().alias("every reading announced").atMost(WAIT).until(() -> meters.stream().allMatch(id ->
                    h.telemetryOnBus.stream().filter(t -> t.deviceId().equals(id)).count() == 40));
        } finally {
            for (WaterMeter m : clients) {
                m.close();
            }
        }
        for (String id : meters) {
            assertThat(h.telemetryOnBus.stream().filter(t -> t.deviceId().equals(id)).map(t -> t.msgId()).toList())
                    .as("meter %s in the order it sent", id).containsExactlyElementsOf(sent.get(id));
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = h.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
