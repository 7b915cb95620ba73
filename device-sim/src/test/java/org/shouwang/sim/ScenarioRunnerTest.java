package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;

/** The runner merges many homes into arrival order and moves the sink's clock to each arrival first. */
class ScenarioRunnerTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 3);
    private static final Instant FROM = Scenarios.local(DAY, 0, 0);

    @Test
    void everyMessageComesAfterTheClockReachedItsArrivalAndInTimeOrder() {
        Recording sink = new Recording();
        List<HomeScenario> homes = List.of(Scenarios.normalHome(new Home("m-1", "b-1"), 1),
                Scenarios.batchedUploads(new Home("m-2", "b-2"), 2), Scenarios.buttonPress(new Home("m-3", "b-3"), 3, DAY));

        ScenarioRunner.Result result = new ScenarioRunner(homes).run(FROM, FROM.plus(Duration.ofDays(1)), sink);

        assertThat(result.events()).isEqualTo(1);
        // two homes reporting every quarter hour (95-96 each, by phase) and one every four hours (5-6)
        assertThat(result.telemetry()).isBetween(95L * 2 + 5, 96L * 2 + 6);
        assertThat(sink.violations).isEmpty();
        assertThat(sink.clock).isEqualTo(FROM.plus(Duration.ofDays(1)));
        assertThat(sink.deviceIds).contains("m-1", "m-2", "m-3", "b-3");
    }

    @Test
    void aClockStepMovesTimeThroughQuietStretches() {
        Recording sink = new Recording();
        // one home whose meter is offline all day: nothing but the clock moves
        List<HomeScenario> homes = List.of(new HomeScenario(new Home("m-1", "b-1"), 1).meterOffline(FROM, null));

        new ScenarioRunner(homes).run(FROM, FROM.plus(Duration.ofHours(3)), Duration.ofMinutes(30), sink);

        assertThat(sink.ticks).hasSize(7).last().isEqualTo(FROM.plus(Duration.ofHours(3)));
    }

    /** Checks order as it receives. */
    private static final class Recording implements ScenarioSink {
        Instant clock = Instant.EPOCH;
        final List<Instant> ticks = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        final List<String> deviceIds = new ArrayList<>();

        @Override
        public void advanceTo(Instant t) {
            if (t.isBefore(clock)) {
                violations.add("clock moved back to " + t);
            }
            clock = t;
            ticks.add(t);
        }

        @Override
        public void telemetry(Telemetry t) {
            check(t.receivedAt(), t.deviceId());
        }

        @Override
        public void event(DeviceEvent e) {
            check(e.receivedAt(), e.deviceId());
        }

        private void check(Instant arrival, String deviceId) {
            if (!arrival.equals(clock)) {
                violations.add(deviceId + " arrived at " + arrival + " with the clock at " + clock);
            }
            deviceIds.add(deviceId);
        }
    }
}
