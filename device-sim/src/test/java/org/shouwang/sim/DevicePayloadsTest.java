package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.PayloadParser;
import org.shouwang.model.RejectReason;
import org.shouwang.model.RejectedPayloadException;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/** The simulator speaks the v1 contract: what it sends, the platform's own parser accepts unchanged. */
class DevicePayloadsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T23:15:00.250Z");
    private final PayloadParser parser = new PayloadParser(PayloadLimits.DEFAULTS);

    @Test
    void timestampsCarryTheChinaStandardTimeOffset() {
        assertThat(DevicePayloads.timestamp(NOW)).isEqualTo("2025-03-02T07:15:00.25+08:00");
    }

    @Test
    void buttonLongPressIsParsedBackWithItsActionAndBattery() throws Exception {
        byte[] payload = DevicePayloads.button("m-1", NOW, DeviceEvent.Action.LONG_PRESS, 77);

        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"action\":\"long_press\"");
        DeviceEvent event = parser.event("btn-1", payload, NOW);
        assertThat(event.kind()).isEqualTo(DeviceEvent.Kind.BUTTON);
        assertThat(event.action()).isEqualTo(DeviceEvent.Action.LONG_PRESS);
        assertThat(event.battery()).isEqualTo(77);
        assertThat(event.ts()).isEqualTo(NOW);
        assertThat(event.msgId()).isEqualTo("m-1");
    }

    @Test
    void meterAlarmIsParsedBackWithItsCode() throws Exception {
        byte[] payload = DevicePayloads.alarm("m-2", NOW, DeviceEvent.AlarmCode.REVERSE_FLOW, null);

        DeviceEvent event = parser.event("meter-1", payload, NOW);
        assertThat(event.kind()).isEqualTo(DeviceEvent.Kind.METER_ALARM);
        assertThat(event.code()).isEqualTo(DeviceEvent.AlarmCode.REVERSE_FLOW);
        assertThat(event.battery()).isNull();
    }

    @Test
    void telemetryKeepsEveryIntervalAndTheRoundedTotals() throws Exception {
        List<WaterInterval> intervals = List.of(
                new WaterInterval(NOW.minusSeconds(600), NOW.minusSeconds(300), 3.24),
                new WaterInterval(NOW.minusSeconds(300), NOW, 0.0));

        Telemetry t = parser.telemetry("meter-1",
                DevicePayloads.telemetry("m-3", NOW, 1234.56, intervals, 6.04, 88, -91), NOW);

        assertThat(t.intervals()).containsExactly(
                new WaterInterval(NOW.minusSeconds(600), NOW.minusSeconds(300), 3.2),
                new WaterInterval(NOW.minusSeconds(300), NOW, 0.0));
        assertThat(t.totalLiters()).isEqualTo(1234.6);
        assertThat(t.flowLpm()).isEqualTo(6.0);
        assertThat(t.battery()).isEqualTo(88);
        assertThat(t.rssi()).isEqualTo(-91);
    }

    @Test
    void fiveHundredIntervalsWithTheWidestRealisticValuesFitThePayloadLimit() throws Exception {
        byte[] payload = widestBacklog(PayloadLimits.DEFAULTS.maxIntervals());

        System.out.printf("payload: %d intervals, widest values = %d bytes, limit %d%n",
                PayloadLimits.DEFAULTS.maxIntervals(), payload.length, PayloadLimits.DEFAULTS.maxBytes());
        assertThat(payload.length).isLessThanOrEqualTo(PayloadLimits.DEFAULTS.maxBytes());
        assertThat(parser.telemetry("meter-1", payload, NOW).intervals()).hasSize(PayloadLimits.DEFAULTS.maxIntervals());
    }

    @Test
    void fiveHundredAndOneIntervalsAreRefusedAsOversizeNamingTheCount() {
        byte[] payload = widestBacklog(PayloadLimits.DEFAULTS.maxIntervals() + 1);

        assertThatThrownBy(() -> parser.telemetry("meter-1", payload, NOW))
                .isInstanceOfSatisfying(RejectedPayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.OVERSIZE))
                .hasMessageContaining("501 intervals, limit 500");
    }

    /**
     * A meter's backlog at its widest: contiguous quarter-hours ending at {@link #NOW}, millisecond timestamps
     * with three digits, 4999.9 L in each, a 64-character msgId and every optional field at its widest.
     */
    private static byte[] widestBacklog(int count) {
        Instant end = NOW.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusMillis(999);
        List<WaterInterval> intervals = new java.util.ArrayList<>();
        for (int i = count; i > 0; i--) {
            intervals.add(new WaterInterval(end.minus(Duration.ofMinutes(15L * i)),
                    end.minus(Duration.ofMinutes(15L * (i - 1))), 4999.9));
        }
        return DevicePayloads.telemetry("m".repeat(64), end, 99_999_999.9, intervals, 499.9, 100, -150);
    }
}
