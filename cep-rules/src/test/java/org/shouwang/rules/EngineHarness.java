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
    private final java.util.Map<String, Instant> lastEnd = new java.util.HashMap<>();

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

    /**
     * The clock moved to T0 + offset and a reading sent then, carrying {@code intervals}, preceded by a dry
     * interval from the meter's last interval end to the first of them (with none, to now): a meter reporting
     * every interval, dry ones included, as the contract asks. The first report of a meter starts an hour back.
     * {@link #batch} sends exactly what it is given (gaps too); {@link #readingWithoutIntervals} covers no time.
     */
    void report(String meter, Duration offset, WaterInterval... intervals) {
        report(meter, offset, 90, intervals);
    }

    void report(String meter, Duration offset, Integer battery, WaterInterval... intervals) {
        Instant t = at(offset);
        List<WaterInterval> sent = new ArrayList<>(List.of(intervals));
        Instant first = sent.stream().map(WaterInterval::start).min(Instant::compareTo).orElse(t);
        Instant from = lastEnd.getOrDefault(meter, sent.isEmpty() ? t.minus(Duration.ofHours(1)) : first);
        if (from.isBefore(first)) {
            sent.add(0, new WaterInterval(from, first, 0));
        }
        send(meter, t, battery, sent);
    }

    /** A reading with a timestamp and a battery level but no intervals (the first message of a new battery). */
    void readingWithoutIntervals(String meter, Duration offset) {
        send(meter, at(offset), 90, List.of());
    }

    private void send(String meter, Instant t, Integer battery, List<WaterInterval> intervals) {
        engine.advanceTo(t);
        intervals.forEach(i -> lastEnd.merge(meter, i.end(), (a, b) -> a.isAfter(b) ? a : b));
        engine.onTelemetry(new Telemetry(meter, "m" + (++msgSeq), t, t, 1000.0, intervals, 0.0, battery, -80));
    }

    /** A batch sent at T0 + offset that arrives at T0 + arrival (the clock moved there). */
    void batch(String meter, Duration sentAt, Duration arrival, List<WaterInterval> intervals) {
        engine.advanceTo(at(arrival));
        intervals.forEach(i -> lastEnd.merge(meter, i.end(), (a, b) -> a.isAfter(b) ? a : b));
        engine.onTelemetry(TestRecords.batch(meter, "m" + (++msgSeq), at(sentAt), at(arrival), intervals, 90));
    }

    /**
     * The meter reports every {@code every} from {@code first} to {@code last} (inclusive), each report with
     * one interval since the previous one using {@code liters} (a dry one when 0).
     */
    void reports(String meter, Duration first, Duration last, Duration every, double liters) {
        for (Duration t = first; t.compareTo(last) <= 0; t = t.plus(every)) {
            report(meter, t, interval(t.minus(every), t, liters));
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
