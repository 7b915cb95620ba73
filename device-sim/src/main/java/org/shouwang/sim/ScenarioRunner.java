package org.shouwang.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulated period of many homes as fast as the sink takes it: the homes' messages are merged into
 * arrival order, and before each one the sink's clock is moved to its arrival, so a rule engine fed this
 * way judges a month in seconds exactly as it would have live. With a {@code clockStep} the clock also
 * moves in steps through quiet stretches (a platform's tick then sees time pass as it would).
 */
public final class ScenarioRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    /** What a run delivered. */
    public record Result(long telemetry, long events, Instant end) {
    }

    private final List<HomeScenario> homes;

    public ScenarioRunner(List<HomeScenario> homes) {
        this.homes = List.copyOf(homes);
    }

    /** Delivers every message of {@code [from, to)} and leaves the sink's clock at {@code to}. */
    public Result run(Instant from, Instant to, ScenarioSink sink) {
        return run(from, to, null, sink);
    }

    /** As {@link #run(Instant, Instant, ScenarioSink)}, moving the clock at least every {@code clockStep}. */
    public Result run(Instant from, Instant to, Duration clockStep, ScenarioSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        record Head(SimulatedMessage message, int home, Iterator<SimulatedMessage> rest) {
        }
        PriorityQueue<Head> queue = new PriorityQueue<>(Comparator.comparing((Head h) -> h.message().at())
                .thenComparingInt(Head::home));
        for (int i = 0; i < homes.size(); i++) {
            Iterator<SimulatedMessage> it = homes.get(i).messages(from, to);
            if (it.hasNext()) {
                queue.add(new Head(it.next(), i, it));
            }
        }
        long telemetry = 0;
        long events = 0;
        Instant clock = from;
        sink.advanceTo(from);
        while (!queue.isEmpty()) {
            Head head = queue.poll();
            SimulatedMessage m = head.message();
            clock = stepTo(sink, clock, m.at(), clockStep);
            m.deliverTo(sink);
            if (m.telemetry() != null) {
                telemetry++;
            } else {
                events++;
            }
            if (head.rest().hasNext()) {
                queue.add(new Head(head.rest().next(), head.home(), head.rest()));
            }
        }
        stepTo(sink, clock, to, clockStep);
        LOG.info("scenario run [homes: {}, from: {}, to: {}, telemetry: {}, events: {}]", homes.size(), from, to,
                telemetry, events);
        return new Result(telemetry, events, to);
    }

    private static Instant stepTo(ScenarioSink sink, Instant clock, Instant target, Duration step) {
        Instant t = clock;
        if (step != null) {
            while (t.plus(step).isBefore(target)) {
                t = t.plus(step);
                sink.advanceTo(t);
            }
        }
        if (target.isAfter(t)) {
            sink.advanceTo(target);
            return target;
        }
        return t;
    }
}
