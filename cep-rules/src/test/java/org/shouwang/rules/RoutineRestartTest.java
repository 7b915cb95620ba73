package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.Scenarios;

/**
 * ROUTINE_BREAK after a restart: the routine is rebuilt from the stored quarter-hour days (four weeks, far more
 * than the three days replayed), so the first morning after a restart is judged as it would have been live, and an
 * episode open before it clears when water runs. The home is the regular one of {@link RoutineBreakRuleTest}.
 */
class RoutineRestartTest {

    private static final LocalDate DAY1 = LocalDate.of(2025, 3, 1);
    private static final LocalDate DAY15 = DAY1.plusDays(14);
    private static final String METER = "meter-rr";
    private static final int[] USE_SLOTS = {28, 32, 48, 72, 86};

    private final MemoryRuleStore store = new MemoryRuleStore();
    private final RecoveringRules rules = new RecoveringRules(store);
    private final List<Alert> published = rules.published;
    private final List<AlertCleared> cleared = rules.cleared;
    private RuleEngine engine;
    private int seq;

    @AfterEach
    void close() {
        rules.close();
    }

    @Test
    void theRoutineIsRebuiltFromStoredDaysAndJudgesTheFirstMorningAfterARestart() {
        store.context = context();
        start(Scenarios.local(DAY1, 0, 0));
        for (int d = 0; d < 14; d++) {
            for (int slot = 0; slot < 96; slot++) {
                quarter(DAY1.plusDays(d), slot, isUse(slot) ? 5.0 : 0.0);
            }
        }
        quarterRange(DAY15, 0, 24);

        restart(Scenarios.local(DAY15, 6, 0));
        quarterRange(DAY15, 24, 32);
        assertThat(routine()).isEmpty();
        quarter(DAY15, 32, 0.0);

        assertThat(routine()).singleElement().satisfies(a -> {
            assertThat(a.at()).isEqualTo(Scenarios.local(DAY15, 8, 15));
            assertThat(a.detail()).isEqualTo("通常7:15前用水，今天至8:15仍无用水");
        });
    }

    @Test
    void aBreakOpenBeforeARestartClearsWhenWaterRunsAfterIt() {
        store.context = context();
        start(Scenarios.local(DAY1, 0, 0));
        for (int d = 0; d < 14; d++) {
            for (int slot = 0; slot < 96; slot++) {
                quarter(DAY1.plusDays(d), slot, isUse(slot) ? 5.0 : 0.0);
            }
        }
        quarterRange(DAY15, 0, 33);
        assertThat(routine()).hasSize(1);

        restart(Scenarios.local(DAY15, 8, 40));
        quarterRange(DAY15, 33, 35);
        assertThat(routine()).as("the same gap is not raised again").hasSize(1);
        quarter(DAY15, 35, 4.0);

        assertThat(cleared).filteredOn(c -> c.rule() == Rule.ROUTINE_BREAK).singleElement()
                .satisfies(c -> assertThat(c.alertId()).isEqualTo(routine().get(0).alertId()));
    }

    @Test
    void aBreakInReadingsStoredWhileTheRulesWereDownIsRaisedAtTheRestart() {
        store.context = context();
        start(Scenarios.local(DAY1, 0, 0));
        for (int d = 0; d < 14; d++) {
            for (int slot = 0; slot < 96; slot++) {
                quarter(DAY1.plusDays(d), slot, isUse(slot) ? 5.0 : 0.0);
            }
        }
        quarterRange(DAY15, 0, 24);
        rules.close();
        // ingest stored the morning while the rules were down (or before recovery's snapshot): nobody judged it
        for (int slot = 24; slot < 36; slot++) {
            Instant start = Scenarios.local(DAY15, slot / 4, slot % 4 * 15);
            Instant end = start.plus(Duration.ofMinutes(15));
            store.telemetry.add(new Telemetry(METER, "down" + slot, end, end, 1000.0,
                    List.of(new WaterInterval(start, end, 0.0)), 0.0, 80, -80));
        }

        engine = rules.start(Scenarios.local(DAY15, 9, 5));

        assertThat(routine()).singleElement().satisfies(a -> {
            assertThat(a.alertId()).endsWith(":" + Scenarios.local(DAY1.plusDays(13), 21, 45).toEpochMilli());
            assertThat(a.detail()).as("judged at the restart, not an upload").startsWith("通常7:15前用水");
        });
    }

    private static RuleContext context() {
        return new RuleContext(List.of(new RuleContext.DeviceHome(METER, DeviceKind.WATER_METER, 9, "平江街道", null,
                null)), RuleThresholds.NONE, Map.of(), Map.of(), false, Set.of(), List.of());
    }

    private static boolean isUse(int slot) {
        for (int s : USE_SLOTS) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    private void quarterRange(LocalDate day, int fromSlot, int toSlot) {
        for (int slot = fromSlot; slot < toSlot; slot++) {
            quarter(day, slot, 0.0);
        }
    }

    private void quarter(LocalDate day, int slot, double liters) {
        Instant start = Scenarios.local(day, slot / 4, slot % 4 * 15);
        Instant end = start.plus(Duration.ofMinutes(15));
        Telemetry t = new Telemetry(METER, "q" + (++seq), end, end, 1000.0, List.of(new WaterInterval(start, end, liters)),
                0.0, 80, -80);
        store.telemetry.add(t);
        engine.advanceTo(end);
        engine.onTelemetry(t);
    }

    private void start(Instant now) {
        engine = rules.start(now);
    }

    private void restart(Instant now) {
        engine = rules.restart(now);
    }

    private List<Alert> routine() {
        return published.stream().filter(a -> a.rule() == Rule.ROUTINE_BREAK).toList();
    }
}
