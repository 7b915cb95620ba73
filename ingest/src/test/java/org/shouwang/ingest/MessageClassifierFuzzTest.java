package org.shouwang.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.RejectReason;
import org.shouwang.model.SafeText;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.DevicePayloads;
import org.shouwang.sim.PayloadMutator;

/**
 * Twenty thousand hostile mutants of valid payloads: each is either accepted with values PostgreSQL can hold,
 * or refused with a reason and a printable detail; the classifier never throws and never falls back on its
 * "unreadable" catch-all (which would mean the parser missed a case).
 */
class MessageClassifierFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");
    private final MessageClassifier classifier = new MessageClassifier(PayloadLimits.DEFAULTS,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyMutantIsAcceptedStorablyOrRefusedWithAReason() {
        PayloadMutator mutator = new PayloadMutator(20261202L);
        List<byte[]> seeds = List.of(
                DevicePayloads.telemetry("m-1", NOW.minusSeconds(60), 1234.5,
                        List.of(new WaterInterval(NOW.minusSeconds(900), NOW.minusSeconds(60), 3.5)), 0.0, 80, -90),
                DevicePayloads.button("b-1", NOW.minusSeconds(5), DeviceEvent.Action.PRESS, 90),
                DevicePayloads.alarm("a-1", NOW.minusSeconds(5), DeviceEvent.AlarmCode.LEAK, 70));
        Map<RejectReason, Integer> reasons = new EnumMap<>(RejectReason.class);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            int kind = i % 3;
            byte[] payload = mutator.mutate(seeds.get(kind));
            String topic = Topics.of("dev-" + kind, kind == 0 ? Topics.Channel.TELEMETRY : Topics.Channel.EVENT);

            Inbound in = classifier.classify(topic, payload);

            if (in instanceof Inbound.Rejected r) {
                reasons.merge(r.message().reason(), 1, Integer::sum);
                assertThat(r.message().detail()).as("detail of mutant %d", i).doesNotContain("\0")
                        .doesNotStartWith("unreadable");
            } else if (in instanceof Inbound.Reading reading) {
                accepted++;
                assertStorable(reading.telemetry(), i);
            } else if (in instanceof Inbound.Event event) {
                accepted++;
                assertThat(SafeText.unstorable(event.event().msgId())).isFalse();
                assertThat(event.event().ts()).isAfter(NOW.minus(Duration.ofDays(367)));
            }
        }
        System.out.printf("fuzz: mutants=20000 accepted=%d refused=%s%n", accepted, reasons);
        assertThat(reasons.keySet()).as("the mutants reach many different refusals")
                .contains(RejectReason.MALFORMED_JSON, RejectReason.WRONG_TYPE, RejectReason.INVALID_VALUE,
                        RejectReason.MISSING_FIELD, RejectReason.PAST_TIMESTAMP);
    }

    private static void assertStorable(Telemetry t, int i) {
        assertThat(SafeText.unstorable(t.msgId())).as("msgId of mutant %d", i).isFalse();
        assertThat(t.msgId().length()).isBetween(1, 64);
        assertThat(t.ts()).isAfter(NOW.minus(Duration.ofDays(367))).isBefore(NOW.plus(Duration.ofMinutes(16)));
        if (t.battery() != null) {
            assertThat(t.battery()).isBetween(0, 100);
        }
        if (t.rssi() != null) {
            assertThat(t.rssi()).isBetween(-150, 0);
        }
        for (WaterInterval w : t.intervals()) {
            assertThat(Double.isFinite(w.liters())).isTrue();
            assertThat(w.start()).isAfter(NOW.minus(Duration.ofDays(367)));
        }
    }
}
