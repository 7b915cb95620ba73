package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Topics;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.CallButton;
import org.shouwang.sim.DevicePayloads;
import org.shouwang.sim.PayloadMutator;
import org.shouwang.sim.WaterMeter;

/**
 * Thousands of hostile mutants through the real broker into the real database, each followed now and then by a
 * valid press or reading: every valid message is stored and announced, every mutant is stored or quarantined,
 * the writer keeps committing (issue 9.1).
 */
class IngestFuzzIT {

    private static final int MUTANTS = 3_000;
    private static final int EVERY = 10;
    private static IngestHarness h;
    private static MqttIngestVerticle ingest;

    @BeforeAll
    static void start() throws Exception {
        h = new IngestHarness();
        ingest = h.deploy(h.config("fuzz"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void everyValidMessageAmongThousandsOfMutantsIsPersisted() throws Exception {
        String meterId = h.register("meter", DeviceKind.WATER_METER);
        String buttonId = h.register("btn", DeviceKind.CALL_BUTTON);
        String strangerId = h.unregistered("stranger");
        PayloadMutator mutator = new PayloadMutator(9_001L);
        List<String> presses = new ArrayList<>();
        List<String> readings = new ArrayList<>();
        long quarantineBefore = h.count("SELECT count(*) FROM quarantine");
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, meterId, Clock.systemUTC());
             CallButton button = new CallButton(h.mqttUrl, buttonId, Clock.systemUTC());
             CallButton stranger = new CallButton(h.mqttUrl, strangerId, Clock.systemUTC())) {
            meter.connect();
            button.connect();
            stranger.connect();
            for (int i = 0; i < MUTANTS; i++) {
                Instant now = Instant.now();
                switch (i % 4) {
                    case 0 -> meter.publishRaw(Topics.of(meterId, Topics.Channel.TELEMETRY), mutator.mutate(
                            DevicePayloads.telemetry("f" + i, now, 10.0,
                                    List.of(new WaterInterval(now.minusSeconds(60), now, 0.5)), 0.0, 80, -80)));
                    case 1 -> button.publishRaw(Topics.of(buttonId, Topics.Channel.EVENT), mutator.mutate(
                            DevicePayloads.button("f" + i, now, DeviceEvent.Action.PRESS, 90)));
                    case 2 -> meter.publishRaw(Topics.of(meterId, Topics.Channel.EVENT), mutator.mutate(
                            DevicePayloads.alarm("f" + i, now, DeviceEvent.AlarmCode.LEAK, 90)));
                    default -> stranger.publishRaw(Topics.of(strangerId, Topics.Channel.EVENT), mutator.mutate(
                            DevicePayloads.button("f" + i, now, DeviceEvent.Action.PRESS, 90)));
                }
                if (i % EVERY == 0) {
                    presses.add(button.press("valid-press-" + i));
                    readings.add(meter.reportUse(0.2, Duration.ofSeconds(30), 0.0));
                }
            }
            await().alias("every valid press and reading among the mutants").atMost(Duration.ofSeconds(90))
                    .until(() -> presses.stream().allMatch(p -> h.eventsOnBus(buttonId, p) == 1)
                            && readings.stream().allMatch(r -> h.telemetryOnBus(meterId, r) == 1));
        }
        long stored = h.count("SELECT count(*) FROM device_event WHERE device_id = ? AND msg_id LIKE 'valid-press-%'",
                buttonId);
        long quarantined = h.count("SELECT count(*) FROM quarantine") - quarantineBefore;
        System.out.printf("fuzz-it: mutants=%d valid=%d valid_stored=%d quarantined=%d dropped=%d%n", MUTANTS,
                presses.size() + readings.size(), stored + h.count("SELECT count(*) FROM telemetry WHERE device_id = ?"
                        + " AND msg_id IN (SELECT unnest(?::text[]))", meterId, readings.toArray(String[]::new)),
                quarantined, ingest.metrics().dropped());
        assertThat(stored).isEqualTo(presses.size());
        assertThat(quarantined).as("most mutants are refused and kept").isGreaterThan(MUTANTS / 2);
        assertThat(ingest.metrics().dropped()).isZero();
        assertThat(ingest.writerCommitting()).isTrue();
    }
}
