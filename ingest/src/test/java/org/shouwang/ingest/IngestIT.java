package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.RejectReason;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.WaterMeter;

/** Simulated devices through a real broker into PostgreSQL and onto the event bus. */
class IngestIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static IngestHarness h;
    private static MqttIngestVerticle ingest;

    @BeforeAll
    static void start() throws Exception {
        h = new IngestHarness();
        ingest = h.deploy(h.config("ingest"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void aButtonPressBecomesADeviceEventRowAndAnEventBusMessage() throws Exception {
        String id = h.register("btn", DeviceKind.CALL_BUTTON);
        try (CallButton button = new CallButton(h.mqttUrl, id, Clock.systemUTC())) {
            button.connect();
            button.battery(64);

            String msgId = button.press();

            await().alias("press on the event bus").atMost(WAIT).until(() -> h.eventsOnBus(id, msgId) == 1);
            DeviceEvent onBus = h.eventsOnBus.stream().filter(e -> e.msgId().equals(msgId)).findFirst().orElseThrow();
            assertThat(onBus.kind()).isEqualTo(DeviceEvent.Kind.BUTTON);
            assertThat(onBus.action()).isEqualTo(DeviceEvent.Action.PRESS);
            assertThat(h.count("SELECT count(*) FROM device_event WHERE device_id = ? AND msg_id = ?"
                    + " AND kind = 'BUTTON' AND action = 'PRESS' AND battery = 64", id, msgId)).isEqualTo(1);
            assertThat(ingest.connected()).isTrue();
        }
    }

    @Test
    void aMeterReportBecomesTelemetryWaterUseRowsAndAnEventBusMessage() throws Exception {
        String id = h.register("meter", DeviceKind.WATER_METER);
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, id, Clock.systemUTC())) {
            meter.connect();
            meter.rssi(-95);
            Instant now = Instant.now();
            List<WaterInterval> intervals = List.of(new WaterInterval(now.minusSeconds(1800), now.minusSeconds(900), 4.5),
                    new WaterInterval(now.minusSeconds(900), now, 1.5));

            String msgId = meter.report(intervals, 0.0);
            String alarm = meter.alarm(DeviceEvent.AlarmCode.LEAK);

            await().alias("report and alarm on the event bus").atMost(WAIT)
                    .until(() -> h.telemetryOnBus(id, msgId) == 1 && h.eventsOnBus(id, alarm) == 1);
            Telemetry onBus = h.telemetryOnBus.stream().filter(t -> t.msgId().equals(msgId)).findFirst().orElseThrow();
            assertThat(onBus.litersUsed()).isEqualTo(6.0);
            assertThat(onBus.totalLiters()).isEqualTo(6.0);
            assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ? AND msg_id = ?", id, msgId)).isEqualTo(1);
            assertThat(h.count("SELECT count(*) FROM water_use WHERE device_id = ? AND msg_id = ?", id, msgId)).isEqualTo(2);
            assertThat(h.count("SELECT count(*) FROM device_event WHERE device_id = ? AND code = 'LEAK'", id)).isEqualTo(1);
            assertThat(h.count("SELECT count(*) FROM device WHERE device_id = ? AND rssi = -95 AND last_seen_at IS NOT NULL",
                    id)).isEqualTo(1);
        }
    }

    @Test
    void statusMessagesKeepTheDeviceOnlineFlagAndAreAnnounced() throws Exception {
        String id = h.register("btn", DeviceKind.CALL_BUTTON);
        CallButton button = new CallButton(h.mqttUrl, id, Clock.systemUTC());

        button.connect();
        await().alias("online recorded").atMost(WAIT)
                .until(() -> h.count("SELECT count(*) FROM device WHERE device_id = ? AND online", id) == 1);
        button.crash();

        await().alias("Will recorded as offline").atMost(WAIT)
                .until(() -> h.count("SELECT count(*) FROM device WHERE device_id = ? AND NOT online", id) == 1);
        await().alias("online then offline on the event bus").atMost(WAIT).until(() -> h.statusesOnBus.stream()
                .filter(s -> s.deviceId().equals(id)).map(s -> s.online()).toList().equals(List.of(true, false)));
    }

    @Test
    void badInputIsQuarantinedWithItsReasonCountedAndDoesNotBlockTheStream() throws Exception {
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        String strangerId = h.unregistered("stranger");
        Clock fast = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        long[] before = counters();
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC());
             CallButton early = new CallButton(h.mqttUrl, buttonId, fast);
             CallButton stranger = new CallButton(h.mqttUrl, strangerId, Clock.systemUTC())) {
            meter.connect();
            early.connect();
            stranger.connect();
            String telemetryTopic = Topics.of(meterId, Topics.Channel.TELEMETRY);

            meter.publishRaw(telemetryTopic, "{\"v\":1,\"msgId\":".getBytes(StandardCharsets.UTF_8));
            meter.publishRaw(telemetryTopic, "{\"v\":1,\"ts\":\"2025-03-02T07:00:00+08:00\",\"totalLiters\":1}"
                    .getBytes(StandardCharsets.UTF_8));
            stranger.press();
            early.press();
            String pad = "x".repeat(PayloadLimits.DEFAULTS.maxBytes());
            meter.publishRaw(telemetryTopic, ("{\"v\":1,\"pad\":\"" + pad + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            String valid = meter.reportUse(2.0, Duration.ofMinutes(5), 0.0);

            await().alias("the valid report after the bad ones").atMost(WAIT).until(() -> h.telemetryOnBus(meterId, valid) == 1);
        }
        assertThat(quarantined(meterId, RejectReason.MALFORMED_JSON)).isEqualTo(1);
        assertThat(quarantined(meterId, RejectReason.MISSING_FIELD)).isEqualTo(1);
        assertThat(quarantined(meterId, RejectReason.OVERSIZE)).isEqualTo(1);
        assertThat(quarantined(strangerId, RejectReason.UNKNOWN_DEVICE)).isEqualTo(1);
        assertThat(quarantined(buttonId, RejectReason.FUTURE_TIMESTAMP)).isEqualTo(1);
        assertThat(h.count("SELECT count(*) FROM device_event WHERE device_id IN (?, ?)", strangerId, buttonId)).isZero();
        long[] after = counters();
        // The broker is shared, so other tests' traffic may add to the counters; ours adds at least one each.
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).as("counter of %s", REASONS.get(i)).isGreaterThanOrEqualTo(before[i] + 1);
        }
    }

    private static final List<RejectReason> REASONS = List.of(RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD,
            RejectReason.OVERSIZE, RejectReason.UNKNOWN_DEVICE, RejectReason.FUTURE_TIMESTAMP);

    private static long[] counters() {
        return REASONS.stream().mapToLong(r -> ingest.metrics().rejected(r)).toArray();
    }

    private static long quarantined(String deviceId, RejectReason reason) throws Exception {
        return h.count("SELECT count(*) FROM quarantine WHERE device_id = ? AND reason = ?", deviceId, reason.name());
    }
}
