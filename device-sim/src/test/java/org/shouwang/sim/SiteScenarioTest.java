package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * Each scenario of {@code shouwang sim}, over its default period ending at an arbitrary moment, sends what the
 * rule it is named for needs with the site's default thresholds (24 h no-use window, 2 h of flow, battery under
 * 20 %), and never a message dated after the period.
 */
class SiteScenarioTest {

    private static final Home HOME = new Home("meter-0001", "btn-0001");
    /** Not on a quarter hour, as a run started by hand is not. */
    private static final Instant END = Instant.parse("2026-03-03T07:13:20.250Z");

    @ParameterizedTest
    @EnumSource(SiteScenario.class)
    void everyMessageLiesInThePeriod(SiteScenario scenario) {
        Instant from = END.minus(scenario.defaultPeriod());
        assertThat(messages(scenario, from, END)).allSatisfy(m -> {
            assertThat(m.at()).isBetween(from, END);
            Instant ts = m.telemetry() != null ? m.telemetry().ts() : m.event().ts();
            assertThat(ts).isBefore(END);
        });
    }

    @Test
    void aNormalHomeOnlyReportsItsWater() {
        List<SimulatedMessage> sent = messages(SiteScenario.NORMAL, END.minus(Duration.ofHours(1)), END);

        assertThat(sent).isNotEmpty().allSatisfy(m -> assertThat(m.telemetry()).isNotNull());
        assertThat(telemetry(sent)).allSatisfy(t -> assertThat(t.battery()).isGreaterThanOrEqualTo(20));
    }

    @Test
    void afterTheFallTheMetersDataSpansMoreThanADayWithoutWater() {
        Instant from = END.minus(SiteScenario.FALL.defaultPeriod());
        Instant fall = from.plus(Duration.ofHours(1));
        List<Telemetry> readings = telemetry(messages(SiteScenario.FALL, from, END));

        assertThat(intervals(readings).stream().filter(i -> !i.start().isBefore(fall)))
                .isNotEmpty().allSatisfy(i -> assertThat(i.liters()).isZero());
        assertThat(readings.get(readings.size() - 1).ts()).isAfter(fall.plus(Duration.ofHours(24)));
    }

    @Test
    void anOpenTapRunsForMoreThanTwoHoursWithoutAPause() {
        Instant from = END.minus(SiteScenario.TAP_OPEN.defaultPeriod());
        List<WaterInterval> intervals = intervals(telemetry(messages(SiteScenario.TAP_OPEN, from, END)));

        Duration longest = Duration.ZERO;
        Instant stretch = null;
        for (WaterInterval i : intervals) {
            double lpm = i.liters() / Duration.between(i.start(), i.end()).toSeconds() * 60;
            stretch = lpm >= 0.5 ? (stretch == null ? i.start() : stretch) : null;
            if (stretch != null && Duration.between(stretch, i.end()).compareTo(longest) > 0) {
                longest = Duration.between(stretch, i.end());
            }
        }
        assertThat(longest).isGreaterThan(Duration.ofHours(2));
    }

    @Test
    void aSilentMeterReportsOnlyInTheFirstHalf() {
        Instant from = END.minus(Duration.ofHours(4));
        Instant half = from.plus(Duration.ofHours(2));
        List<Telemetry> readings = telemetry(messages(SiteScenario.METER_SILENT, from, END));

        assertThat(readings).isNotEmpty().allSatisfy(t -> assertThat(t.ts()).isBefore(half));
    }

    @Test
    void theBatteryEndsUnderTwentyPercentWhateverThePeriod() {
        for (Duration period : List.of(SiteScenario.BATTERY_DRAINING.defaultPeriod(), Duration.ofDays(3))) {
            List<Telemetry> readings = telemetry(messages(SiteScenario.BATTERY_DRAINING, END.minus(period), END));

            assertThat(readings.get(0).battery()).isGreaterThanOrEqualTo(29);
            assertThat(readings.get(readings.size() - 1).battery()).isLessThan(20);
        }
    }

    @Test
    void theElderPressesTheButtonOnceHalfwayThrough() {
        Instant from = END.minus(SiteScenario.BUTTON_PRESS.defaultPeriod());
        List<DeviceEvent> events = messages(SiteScenario.BUTTON_PRESS, from, END).stream()
                .filter(m -> m.event() != null).map(SimulatedMessage::event).toList();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.deviceId()).isEqualTo("btn-0001");
            assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.BUTTON);
            assertThat(e.action()).isEqualTo(DeviceEvent.Action.PRESS);
            assertThat(e.ts()).isEqualTo(from.plusSeconds(30));
        });
    }

    @Test
    void scenariosAreNamedAsOnTheCommandLine() {
        assertThat(SiteScenario.byName("tap-open")).isEqualTo(SiteScenario.TAP_OPEN);
        assertThat(SiteScenario.byName(" Button-Press ")).isEqualTo(SiteScenario.BUTTON_PRESS);
        assertThatThrownBy(() -> SiteScenario.byName("flood")).hasMessageContaining("unknown scenario 'flood'")
                .hasMessageContaining("normal, fall, tap-open, meter-silent, battery-draining, button-press");
    }

    private static List<SimulatedMessage> messages(SiteScenario scenario, Instant from, Instant to) {
        List<SimulatedMessage> out = new ArrayList<>();
        Iterator<SimulatedMessage> it = scenario.home(HOME, 2026, from, to).messages(from, to);
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<Telemetry> telemetry(List<SimulatedMessage> messages) {
        return messages.stream().filter(m -> m.telemetry() != null).map(SimulatedMessage::telemetry).toList();
    }

    private static List<WaterInterval> intervals(List<Telemetry> readings) {
        return readings.stream().flatMap(t -> t.intervals().stream()).toList();
    }
}
