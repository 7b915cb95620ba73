package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.PayloadParser;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;

/** The demo fleet on a real broker: every meter reports, a scheduled press arrives. */
class SimulatorIT {

    private final String url = TestServices.mqttUrl();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final PayloadParser parser = new PayloadParser(PayloadLimits.DEFAULTS);

    @AfterEach
    void clearRetainedStatuses() throws Exception {
        TopicRecorder.clearRetained(url, Stream.of("m1-", "b1-", "m2-", "b2-", "m3-", "b3-")
                .map(id -> Topics.of(id + run, Topics.Channel.STATUS)).toArray(String[]::new));
    }

    @Test
    void everyMeterReportsValidTelemetryAndAScheduledPressIsSent() throws Exception {
        List<Home> homes = List.of(new Home("m1-" + run, "b1-" + run), new Home("m2-" + run, "b2-" + run));
        Clock clock = Clock.systemUTC();
        try (TopicRecorder recorder = new TopicRecorder(url, "shouwang/v1/+/+");
             Simulator sim = new Simulator(url, homes, 7, clock, Duration.ofMillis(100))) {
            sim.start();
            String msgId = sim.scheduleButtonPress("b2-" + run, Duration.ofMillis(50)).get();

            String telemetry1 = Topics.of("m1-" + run, Topics.Channel.TELEMETRY);
            String telemetry2 = Topics.of("m2-" + run, Topics.Channel.TELEMETRY);
            String event = Topics.of("b2-" + run, Topics.Channel.EVENT);
            await().alias("both meters reported twice, the press arrived").atMost(Duration.ofSeconds(5))
                    .until(() -> recorder.on(telemetry1).size() >= 2 && recorder.on(telemetry2).size() >= 2
                            && recorder.on(event).size() == 1);

            Instant now = Instant.now();
            for (TopicRecorder.Received r : recorder.on(telemetry1)) {
                Telemetry t = parser.telemetry("m1-" + run, r.body().getBytes(), now);
                assertThat(t.totalLiters()).isNotNull();
                assertThat(r.qos()).isEqualTo(1);
            }
            DeviceEvent press = parser.event("b2-" + run, recorder.on(event).get(0).body().getBytes(), now);
            assertThat(press.msgId()).isEqualTo(msgId);
            assertThat(press.action()).isEqualTo(DeviceEvent.Action.PRESS);
        }
    }

    @Test
    void aButtonThatIsNotPartOfTheFleetCannotBeScheduled() {
        try (Simulator sim = new Simulator(url, List.of(new Home("m3-" + run, "b3-" + run)), 1,
                Clock.systemUTC(), Duration.ofSeconds(60))) {
            sim.start();
            assertThatThrownBy(() -> sim.scheduleButtonPress("nope", Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
