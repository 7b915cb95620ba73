package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.RejectReason;

/** Each MQTT message becomes exactly one of reading, event, status, ignored or rejected. */
class MessageClassifierTest {

    private static final Instant NOW = Instant.parse("2025-03-01T23:00:00Z");
    private final MessageClassifier classifier =
            new MessageClassifier(PayloadLimits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aButtonEventTakesItsDeviceIdFromTheTopicNotThePayload() {
        Inbound in = classify("shouwang/v1/btn-7/event", "{\"v\":1,\"msgId\":\"1\",\"ts\":\"2025-03-02T07:00:00+08:00\","
                + "\"kind\":\"button\",\"action\":\"press\",\"deviceId\":\"someone-else\"}");

        assertThat(in).isInstanceOf(Inbound.Event.class);
        DeviceEvent event = ((Inbound.Event) in).event();
        assertThat(event.deviceId()).isEqualTo("btn-7");
        assertThat(event.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void telemetryOnTheTelemetryTopicIsAReading() {
        Inbound in = classify("shouwang/v1/m-1/telemetry",
                "{\"v\":1,\"msgId\":\"2\",\"ts\":\"2025-03-02T07:00:00+08:00\",\"totalLiters\":10.5}");

        assertThat(in).isInstanceOfSatisfying(Inbound.Reading.class,
                r -> assertThat(r.telemetry().totalLiters()).isEqualTo(10.5));
    }

    @Test
    void statusTextsBecomeOnlineAndOfflineAndAnEmptyRetainedClearIsIgnored() {
        assertThat(classify("shouwang/v1/m-1/status", "online")).isEqualTo(new Inbound.Status("m-1", true));
        assertThat(classify("shouwang/v1/m-1/status", "offline")).isEqualTo(new Inbound.Status("m-1", false));
        assertThat(classify("shouwang/v1/m-1/status", "")).isInstanceOf(Inbound.Ignored.class);
        assertThat(reason(classify("shouwang/v1/m-1/status", "sleeping"))).isEqualTo(RejectReason.INVALID_VALUE);
    }

    @Test
    void contractViolationsAreRejectedWithTheParsersReasonAndKeepTheirBytes() {
        Inbound malformed = classify("shouwang/v1/m-1/telemetry", "{oops");

        assertThat(reason(malformed)).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(((Inbound.Rejected) malformed).message().payload())
                .isEqualTo("{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.deviceId()).isEqualTo("m-1");
        assertThat(reason(classify("shouwang/v1/m-1/event", "{\"v\":1,\"ts\":\"2025-03-02T07:00:00+08:00\"}")))
                .isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(reason(classify("shouwang/v1/m-1/event",
                "{\"v\":1,\"msgId\":\"3\",\"ts\":\"2025-03-02T09:00:00+08:00\",\"kind\":\"button\",\"action\":\"press\"}")))
                .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
    }

    @Test
    void aTopicOutsideTheV1LayoutIsAnUnknownTopicWithoutDevice() {
        Inbound in = classify("shouwang/v1/m-1/other", "{}");

        assertThat(reason(in)).isEqualTo(RejectReason.UNKNOWN_TOPIC);
        assertThat(in.deviceId()).isNull();
    }

    @Test
    void anOversizeStatusIsRejectedAsOversize() {
        MessageClassifier tight = new MessageClassifier(new PayloadLimits(8, 10, java.time.Duration.ZERO, 1, 1),
                Clock.fixed(NOW, ZoneOffset.UTC));

        Inbound in = tight.classify("shouwang/v1/m-1/status", "offline-and-more".getBytes(StandardCharsets.UTF_8));

        assertThat(reason(in)).isEqualTo(RejectReason.OVERSIZE);
    }

    private Inbound classify(String topic, String payload) {
        return classifier.classify(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static RejectReason reason(Inbound in) {
        assertThat(in).isInstanceOf(Inbound.Rejected.class);
        return ((Inbound.Rejected) in).message().reason();
    }
}
