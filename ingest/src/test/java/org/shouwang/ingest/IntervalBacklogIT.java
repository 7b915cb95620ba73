package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.RejectReason;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.WaterMeter;

/**
 * A meter's backlog at the contract's limit (docs/device-contract.md: at most 500 intervals per message), sent by
 * the simulated meter in the documented format through the real broker into PostgreSQL: 500 are stored, 501 are
 * refused with a counted reason and the stream goes on (issue 12, "the contract promises more than it accepts").
 */
class IntervalBacklogIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MAX = PayloadLimits.DEFAULTS.maxIntervals();
    private static IngestHarness h;
    private static MqttIngestVerticle ingest;

    @BeforeAll
    static void start() throws Exception {
        h = new IngestHarness();
        ingest = h.deploy(h.config("backlog"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void fiveHundredIntervalsInOneMessageAreStoredEveryOne() throws Exception {
        String id = h.register("meter", DeviceKind.WATER_METER);
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, id, Clock.systemUTC())) {
            meter.connect();

            String msgId = meter.report(quarterHoursUpToNow(MAX), 0.0);

            await().alias("500-interval report on the event bus").atMost(WAIT)
                    .until(() -> h.telemetryOnBus(id, msgId) == 1);
            assertThat(h.count("SELECT count(*) FROM telemetry WHERE device_id = ? AND msg_id = ?", id, msgId))
                    .isEqualTo(1);
            assertThat(h.count("SELECT count(*) FROM water_use WHERE device_id = ? AND msg_id = ?", id, msgId))
                    .isEqualTo(MAX);
        }
    }

    @Test
    void fiveHundredAndOneAreQuarantinedAsOversizeCountedAndTheNextReportIsStored() throws Exception {
        String id = h.register("meter", DeviceKind.WATER_METER);
        long before = ingest.metrics().rejected(RejectReason.OVERSIZE);
        try (WaterMeter meter = new WaterMeter(h.mqttUrl, id, Clock.systemUTC())) {
            meter.connect();

            meter.report(quarterHoursUpToNow(MAX + 1), 0.0);
            String next = meter.reportUse(2.0, Duration.ofMinutes(5), 0.0);

            await().alias("the report after the refused one").atMost(WAIT).until(() -> h.telemetryOnBus(id, next) == 1);
        }
        assertThat(h.count("SELECT count(*) FROM quarantine WHERE device_id = ? AND reason = 'OVERSIZE'"
                + " AND detail LIKE '501 intervals, limit 500%'", id)).isEqualTo(1);
        assertThat(ingest.metrics().rejected(RejectReason.OVERSIZE)).isGreaterThanOrEqualTo(before + 1);
        assertThat(h.count("SELECT count(*) FROM water_use WHERE device_id = ?", id)).isEqualTo(1);
    }

    /**
     * Contiguous quarter-hours ending now with millisecond timestamps of three digits and 4999.9 L each: the
     * widest values a meter realistically writes, so the payload is as large as {@code count} intervals get.
     */
    private static List<WaterInterval> quarterHoursUpToNow(int count) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusMillis(1);
        List<WaterInterval> intervals = new ArrayList<>();
        for (int i = count; i > 0; i--) {
            intervals.add(new WaterInterval(end.minus(Duration.ofMinutes(15L * i)),
                    end.minus(Duration.ofMinutes(15L * (i - 1))), 4999.9));
        }
        return intervals;
    }
}
