package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.PayloadLimits;
import org.shouwang.model.PayloadParser;
import org.shouwang.model.Telemetry;
import org.shouwang.model.Topics;

/** A scenario delivered over a real broker: the contract's payloads, stamped with simulated time, in order. */
class ScenarioRunnerIT {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 3);
    private final String url = TestServices.mqttUrl();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Home home = new Home("sm-" + run, "sb-" + run);

    @AfterEach
    void clearRetainedStatuses() throws Exception {
        TopicRecorder.clearRetained(url, Topics.of(home.meterId(), Topics.Channel.STATUS),
                Topics.of(home.buttonId(), Topics.Channel.STATUS));
    }

    @Test
    void sixSimulatedHoursArriveAsValidPayloadsStampedWithSimulatedTime() throws Exception {
        Instant from = Scenarios.local(DAY, 12, 0);
        Instant to = from.plus(Duration.ofHours(6));
        SimClock clock = new SimClock(from);
        PayloadParser parser = new PayloadParser(PayloadLimits.DEFAULTS);
        try (TopicRecorder recorder = new TopicRecorder(url, "shouwang/v1/+/+");
             MqttScenarioSink sink = new MqttScenarioSink(url, clock, Duration.ZERO)) {

            ScenarioRunner.Result result = new ScenarioRunner(List.of(Scenarios.buttonPress(home, 5, DAY)))
                    .run(from, to, sink);

            String telemetry = Topics.of(home.meterId(), Topics.Channel.TELEMETRY);
            String event = Topics.of(home.buttonId(), Topics.Channel.EVENT);
            await().alias("every message delivered").atMost(Duration.ofSeconds(10))
                    .until(() -> recorder.on(telemetry).size() == result.telemetry() && recorder.on(event).size() == 1);
            assertThat(clock.instant()).isEqualTo(to);
            Instant previous = from;
            for (TopicRecorder.Received r : recorder.on(telemetry)) {
                // The parser refuses timestamps far ahead of "now": judge them against the simulated end.
                Telemetry t = parser.telemetry(home.meterId(), r.body().getBytes(), to);
                assertThat(t.ts()).isBetween(from, to).isAfterOrEqualTo(previous);
                assertThat(t.intervals()).hasSize(1);
                previous = t.ts();
            }
            DeviceEvent press = parser.event(home.buttonId(), recorder.on(event).get(0).body().getBytes(), to);
            assertThat(press.ts()).isEqualTo(Scenarios.local(DAY, 15, 30));
            assertThat(press.action()).isEqualTo(DeviceEvent.Action.PRESS);
        }
    }
}
