package org.shouwang.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/** What a simulated home sends: deterministic per seed, shaped like an elder's day, changed by its scenario. */
class HomeScenarioTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 3);
    private static final Instant FROM = Scenarios.local(DAY, 0, 0);
    private static final Home HOME = new Home("meter-1", "button-1");

    @Test
    void theSameSeedGivesTheSameMessagesAndAnotherSeedOthers() {
        List<SimulatedMessage> a = all(Scenarios.normalHome(HOME, 42), FROM, FROM.plus(Duration.ofDays(2)));
        List<SimulatedMessage> b = all(Scenarios.normalHome(HOME, 42), FROM, FROM.plus(Duration.ofDays(2)));
        List<SimulatedMessage> c = all(Scenarios.normalHome(HOME, 43), FROM, FROM.plus(Duration.ofDays(2)));

        assertThat(a).isEqualTo(b);
        assertThat(liters(a)).isNotEqualTo(liters(c));
    }

    @Test
    void aNormalDayHasMorningAndEveningPeaksAndAQuietNight() {
        List<WaterInterval> day = intervals(all(Scenarios.normalHome(HOME, 7), FROM, FROM.plus(Duration.ofDays(7))));

        double night = litersBetween(day, 1, 5);
        double morning = litersBetween(day, 6, 10);
        double evening = litersBetween(day, 18, 22);
        assertThat(morning).isGreaterThan(night * 5);
        assertThat(evening).isGreaterThan(night * 5);
        assertThat(day.stream().mapToDouble(WaterInterval::liters).sum() / 7).isBetween(40.0, 200.0);
    }

    @Test
    void quarterHourReportsCarryOneContiguousIntervalEach() {
        List<SimulatedMessage> messages = all(Scenarios.normalHome(HOME, 7), FROM, FROM.plus(Duration.ofDays(1)));

        assertThat(messages).hasSizeBetween(95, 96).allSatisfy(m -> assertThat(m.telemetry().intervals()).hasSize(1));
        List<WaterInterval> intervals = intervals(messages);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).start()).isEqualTo(intervals.get(i - 1).end());
        }
        assertThat(messages).allSatisfy(m -> assertThat(m.telemetry().ts()).isAfterOrEqualTo(
                m.telemetry().intervals().get(0).end()));
    }

    @Test
    void aBatchingMeterUploadsSixteenIntervalsEveryFourHours() {
        List<SimulatedMessage> messages = all(Scenarios.batchedUploads(HOME, 7), FROM, FROM.plus(Duration.ofDays(1)));

        assertThat(messages).hasSizeBetween(5, 6);
        assertThat(messages.subList(1, messages.size()))
                .allSatisfy(m -> assertThat(m.telemetry().intervals()).hasSize(16));
        assertThat(Duration.between(messages.get(0).at(), messages.get(1).at())).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void afterAFallNoWaterRunsButTheMeterKeepsReporting() {
        Instant fall = Scenarios.local(DAY, 22, 0);
        List<SimulatedMessage> messages = all(Scenarios.fallAtNight(HOME, 7, DAY), FROM, FROM.plus(Duration.ofDays(3)));

        assertThat(intervals(messages).stream().filter(i -> !i.start().isBefore(fall)))
                .isNotEmpty().allSatisfy(i -> assertThat(i.liters()).isZero());
        assertThat(messages.get(messages.size() - 1).at()).isAfter(fall.plus(Duration.ofDays(1)));
    }

    @Test
    void anOfflineMeterSendsNothingAndItsMeteringFollowsWhenItIsBack() {
        Instant off = Scenarios.local(DAY, 10, 0);
        Instant back = Scenarios.local(DAY, 16, 0);
        List<SimulatedMessage> messages = all(new HomeScenario(HOME, 7).meterOffline(off, back), FROM,
                FROM.plus(Duration.ofDays(1)));

        assertThat(messages).noneMatch(m -> !m.at().isBefore(off) && m.at().isBefore(back));
        SimulatedMessage first = messages.stream().filter(m -> !m.at().isBefore(back)).findFirst().orElseThrow();
        assertThat(first.telemetry().intervals()).hasSizeGreaterThanOrEqualTo(24);
        List<WaterInterval> intervals = intervals(messages);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).start()).isEqualTo(intervals.get(i - 1).end());
        }
    }

    @Test
    void aTapLeftOpenRunsSixLitresAMinuteForThreeHours() {
        List<WaterInterval> intervals = intervals(all(Scenarios.tapLeftOpen(HOME, 7, DAY), FROM, FROM.plus(Duration.ofDays(1))));
        Instant from = Scenarios.local(DAY, 9, 0);
        Instant to = Scenarios.local(DAY, 12, 0);

        assertThat(intervals.stream().filter(i -> !i.start().isBefore(from) && i.end().compareTo(to) <= 0))
                .hasSize(12).allSatisfy(i -> assertThat(i.liters()).isGreaterThanOrEqualTo(90.0));
    }

    @Test
    void heavyUseComesInBurstsAndAddsUpToMoreThanTwoCubicMetres() {
        List<WaterInterval> intervals = intervals(all(Scenarios.heavyUse(HOME, 7, DAY), FROM, FROM.plus(Duration.ofDays(1))));

        assertThat(intervals.stream().mapToDouble(WaterInterval::liters).sum()).isGreaterThan(2000);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).liters() >= 100 && intervals.get(i - 1).liters() >= 100).isFalse();
        }
    }

    @Test
    void theBatteryDrainsByDayAndIsFullAfterReplacement() {
        Instant replaced = FROM.plus(Duration.ofDays(8));
        List<SimulatedMessage> messages = all(Scenarios.batteryDraining(HOME, 7).batteryReplacedAt(replaced), FROM,
                FROM.plus(Duration.ofDays(9)));

        assertThat(messages.get(0).telemetry().battery()).isEqualTo(30);
        assertThat(batteryAt(messages, FROM.plus(Duration.ofDays(5)))).isEqualTo(20);
        assertThat(batteryAt(messages, FROM.plus(Duration.ofDays(6)))).isEqualTo(18);
        assertThat(batteryAt(messages, replaced.plusSeconds(3600))).isEqualTo(100);
    }

    @Test
    void pressesAndAlarmsArriveAmongTheUploadsInTimeOrder() {
        HomeScenario scenario = Scenarios.buttonPress(HOME, 7, DAY).alarmAt(Scenarios.local(DAY, 3, 10),
                DeviceEvent.AlarmCode.LEAK);
        List<SimulatedMessage> messages = all(scenario, FROM, FROM.plus(Duration.ofDays(1)));

        List<DeviceEvent> events = messages.stream().filter(m -> m.event() != null).map(SimulatedMessage::event).toList();
        assertThat(events).extracting(DeviceEvent::deviceId, DeviceEvent::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("meter-1", DeviceEvent.Kind.METER_ALARM),
                org.assertj.core.groups.Tuple.tuple("button-1", DeviceEvent.Kind.BUTTON));
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).at()).isAfterOrEqualTo(messages.get(i - 1).at());
        }
    }

    static List<SimulatedMessage> all(HomeScenario scenario, Instant from, Instant to) {
        List<SimulatedMessage> out = new ArrayList<>();
        Iterator<SimulatedMessage> it = scenario.messages(from, to);
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<WaterInterval> intervals(List<SimulatedMessage> messages) {
        return messages.stream().filter(m -> m.telemetry() != null).flatMap(m -> m.telemetry().intervals().stream()).toList();
    }

    private static double liters(List<SimulatedMessage> messages) {
        return intervals(messages).stream().mapToDouble(WaterInterval::liters).sum();
    }

    private static double litersBetween(List<WaterInterval> intervals, int fromHour, int toHour) {
        return intervals.stream().filter(i -> {
            int hour = i.start().atZone(DevicePayloads.DEVICE_ZONE).getHour();
            return hour >= fromHour && hour < toHour;
        }).mapToDouble(WaterInterval::liters).sum();
    }

    private static Integer batteryAt(List<SimulatedMessage> messages, Instant t) {
        return messages.stream().map(SimulatedMessage::telemetry).filter(m -> m != null && !m.ts().isBefore(t))
                .findFirst().map(Telemetry::battery).orElseThrow();
    }
}
