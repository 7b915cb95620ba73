package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.RejectReason;
import org.shouwang.model.Topics;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.WaterMeter;

/**
 * One message must never stop ingest for everyone (issue 9.1, 9.5): what the database cannot store is refused or
 * set aside, and another home's press behind it is stored and announced. Real broker, real PostgreSQL.
 */
class PoisonMessageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static IngestHarness h;
    private static MqttIngestVerticle ingest;

    @BeforeAll
    static void start() throws Exception {
        h = new IngestHarness();
        ingest = h.deploy(h.config("poison"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String now() {
        return Instant.now().toString();
    }

    @Test
    void aNulInAMsgIdAnUnknownFieldOrAnUnregisteredDevicesPayloadDoesNotHoldBackAnotherHomesPress() throws Exception {
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        String strangerId = h.unregistered("stranger");
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC());
             CallButton stranger = new CallButton(h.mqttUrl, strangerId, Clock.systemUTC());
             CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC())) {
            meter.connect();
            stranger.connect();
            button.connect();
            String telemetry = Topics.of(meterId, Topics.Channel.TELEMETRY);

            meter.publishRaw(telemetry, utf8("{\"v\":1,\"msgId\":\"a\\u0000b\",\"ts\":\"" + now() + "\",\"totalLiters\":1}"));
            meter.publishRaw(telemetry, utf8("{\"v\":1,\"msgId\":\"n1\",\"ts\":\"" + now()
                    + "\",\"totalLiters\":1,\"firmware\":\"x\\u0000y\"}"));
            stranger.publishRaw(Topics.of(strangerId, Topics.Channel.EVENT), utf8("{\"v\":1,\"msgId\":\"s\\u0000\",\"ts\":\""
                    + now() + "\",\"kind\":\"button\\u0000\",\"action\":\"press\"}"));
            String press = button.press();

            await().alias("the other home's press is stored and announced").atMost(WAIT)
                    .until(() -> h.eventsOnBus(buttonId, press) == 1);
        }
        assertThat(quarantined(meterId, RejectReason.INVALID_VALUE)).isEqualTo(2);
        assertThat(h.count("SELECT count(*) FROM quarantine WHERE device_id = ?", strangerId)).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM quarantine WHERE position(chr(1) in detail) > 0")).isZero();
        assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meterId)).isZero();
    }

    @Test
    void timestampsPostgresqlCannotHoldAndIntegersThatWouldWrapAreRefusedNotStored() throws Exception {
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC());
             CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC())) {
            meter.connect();
            button.connect();
            String telemetry = Topics.of(meterId, Topics.Channel.TELEMETRY);

            meter.publishRaw(telemetry, utf8("{\"v\":1,\"msgId\":\"y0\",\"ts\":\"0000-01-01T00:00:00Z\",\"totalLiters\":1}"));
            meter.publishRaw(telemetry, utf8("{\"v\":1,\"msgId\":\"ymin\",\"ts\":\"-999999999-01-01T00:00:00Z\",\"totalLiters\":1}"));
            meter.publishRaw(telemetry, utf8("{\"v\":1,\"msgId\":\"big\",\"ts\":\"" + now()
                    + "\",\"totalLiters\":1,\"battery\":9223372036854775808}"));
            String press = button.press();
            String reading = meter.reportUse(1.0, Duration.ofMinutes(5), 0.0);

            await().alias("press and reading after the refused ones").atMost(WAIT)
                    .until(() -> h.eventsOnBus(buttonId, press) == 1 && h.telemetryOnBus(meterId, reading) == 1);
        }
        assertThat(quarantined(meterId, RejectReason.PAST_TIMESTAMP)).isEqualTo(2);
        assertThat(quarantined(meterId, RejectReason.INVALID_VALUE)).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ? AND msg_id IN ('y0', 'ymin', 'big')",
                meterId)).isZero();
    }

    @Test
    void aMessageTheDatabaseRefusesIsQuarantinedAloneAndTheRestOfItsBatchIsWrittenAndAcknowledged() throws Exception {
        // A constraint the parser knows nothing of stands for any permanent refusal it did not foresee.
        try (Connection c = h.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE telemetry ADD CONSTRAINT test_refuses_poison CHECK (msg_id NOT LIKE 'poison%')");
        }
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        List<String> good = new ArrayList<>();
        String press;
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC());
             CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC())) {
            meter.connect();
            button.connect();
            for (int i = 0; i < 30; i++) {
                good.add(meter.reportUse(0.5, Duration.ofMinutes(1), 0.0));
                if (i == 10) {
                    meter.report("poison-1", List.of(), 0.0);
                }
            }
            press = button.press();
            await().alias("every other message of the stream stored").atMost(WAIT)
                    .until(() -> good.stream().allMatch(m -> h.telemetryOnBus(meterId, m) == 1)
                            && h.eventsOnBus(buttonId, press) == 1);
        }
        assertThat(quarantined(meterId, RejectReason.STORE_REFUSED)).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM quarantine WHERE device_id = ? AND detail LIKE '%23514%'", meterId))
                .isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", meterId)).isEqualTo(30);
        assertThat(ingest.metrics().rejected(RejectReason.STORE_REFUSED)).isGreaterThanOrEqualTo(1);
        assertThat(ingest.writerCommitting()).as("the writer is healthy again").isTrue();
    }

    @Test
    void aDeviceCannotSpeakAsAnotherKindOfDevice() throws Exception {
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC());
             CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC())) {
            meter.connect();
            button.connect();
            String fakePress = "fake-press";
            meter.publishRaw(Topics.of(meterId, Topics.Channel.EVENT), utf8("{\"v\":1,\"msgId\":\"" + fakePress
                    + "\",\"ts\":\"" + now() + "\",\"kind\":\"button\",\"action\":\"press\"}"));
            button.publishRaw(Topics.of(buttonId, Topics.Channel.TELEMETRY),
                    utf8("{\"v\":1,\"msgId\":\"fake-reading\",\"ts\":\"" + now() + "\",\"totalLiters\":5}"));
            String alarm = meter.alarm(org.shouwang.model.DeviceEvent.AlarmCode.LEAK);
            String press = button.press();

            await().alias("the real press and the meter's own alarm").atMost(WAIT)
                    .until(() -> h.eventsOnBus(buttonId, press) == 1 && h.eventsOnBus(meterId, alarm) == 1);
            assertThat(h.eventsOnBus(meterId, fakePress)).isZero();
        }
        assertThat(quarantined(meterId, RejectReason.WRONG_DEVICE_KIND)).isEqualTo(1);
        assertThat(quarantined(buttonId, RejectReason.WRONG_DEVICE_KIND)).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM device_event WHERE device_id = ? AND kind = 'BUTTON'", meterId)).isZero();
        assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ?", buttonId)).isZero();
    }

    private static long quarantined(String deviceId, RejectReason reason) throws Exception {
        return h.count("SELECT count(*) FROM quarantine WHERE device_id = ? AND reason = ?", deviceId, reason.name());
    }
}
