package org.shouwang.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WaterInterval;

/**
 * A rule engine on a clock the test moves by hand, with what it raised and cleared, and ways to feed
 * meter reports at offsets from {@link #T0} (Monday 2025-01-06 08:00 in Asia/Shanghai).
 */
final class EngineHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2025-01-06T00:00:00Z");

    final List<Alert> alerts = new ArrayList<>();
    final List<AlertCleared> clears = new ArrayList<>();
    final RuleEngine engine;
    private int msgSeq;

    EngineHarness() {
        this(RuleSettings.DEFAULTS);
    }

    EngineHarness(RuleThresholds overlay) {
        this(RuleSettings.DEFAULTS.withDefaults(overlay));
    }

    EngineHarness(RuleSettings settings) {
        this(settings, T0);
    }

    EngineHarness(RuleSettings settings, Instant start) {
        engine = new RuleEngine(settings, start, new RuleSink() {
            @Override
            public void raised(Alert alert, String episode) {
                alerts.add(alert);
            }

            @Override
            public void cleared(AlertCleared cleared, String episode) {
                clears.add(cleared);
            }
        });
    }

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static Duration h(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    void clockTo(Duration offset) {
        engine.advanceTo(at(offset));
    }

    /** The clock moved to T0 + offset and a reading sent then, carrying {@code intervals}. */
    void report(String meter, Duration offset, WaterInterval... intervals) {
        report(meter, offset, 90, intervals);
    }

    void report(String meter, Duration offset, Integer battery, WaterInterval... intervals) {
        Instant t = at(offset);
        engine.advanceTo(t);
        engine.onTelemetry(new Telemetry(meter, "m" + (++msgSeq), t, t, 1000.0, List.of(intervals), 0.0, battery, -80));
    }

    /** A batch sent at T0 + offset that arrives at T0 + arrival (the clock moved there). */
    void batch(String meter, Duration sentAt, Duration arrival, List<WaterInterval> intervals) {
        engine.advanceTo(at(arrival));
        engine.onTelemetry(TestRecords.batch(meter, "m" + (++msgSeq), at(sentAt), at(arrival), intervals, 90));
    }

    /**
     * The meter reports every {@code every} from {@code first} to {@code last} (inclusive), each report with
     * one interval since the previous one using {@code liters} (none when 0).
     */
    void reports(String meter, Duration first, Duration last, Duration every, double liters) {
        for (Duration t = first; t.compareTo(last) <= 0; t = t.plus(every)) {
            report(meter, t, liters == 0 ? new WaterInterval[0] : new WaterInterval[] {interval(t.minus(every), t, liters)});
        }
    }

    static WaterInterval interval(Duration start, Duration end, double liters) {
        return new WaterInterval(at(start), at(end), liters);
    }

    /** Consecutive intervals of {@code step} from {@code start} to {@code end}, each using {@code liters}. */
    static List<WaterInterval> intervals(Duration start, Duration end, Duration step, double liters) {
        List<WaterInterval> out = new ArrayList<>();
        for (Duration t = start; t.compareTo(end) < 0; t = t.plus(step)) {
            out.add(interval(t, t.plus(step), liters));
        }
        return out;
    }

    void press(String button, Duration offset, String msgId) {
        engine.advanceTo(at(offset));
        engine.onEvent(TestRecords.button(button, msgId, at(offset), DeviceEvent.Action.PRESS));
    }

    List<Alert> alerts(Rule rule) {
        return alerts.stream().filter(a -> a.rule() == rule).toList();
    }

    List<AlertCleared> clears(Rule rule) {
        return clears.stream().filter(c -> c.rule() == rule).toList();
    }

    @Override
    public void close() {
        engine.close();
    }
}
