package org.shouwang.demo.detection;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/** What people and the platform will do at given instants (an escalation step, a key press, a resolution), in order. */
final class Agenda {

    private record Task(Instant at, long order, Runnable action) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparing(Task::at).thenComparingLong(Task::order));
    private long order;
    private Instant now;

    Agenda(Instant start) {
        this.now = start;
    }

    /** Runs {@code action} at {@code at} (at once, in order, if that is already past). */
    void at(Instant at, Runnable action) {
        tasks.add(new Task(at.isBefore(now) ? now : at, order++, action));
    }

    /** When the next task is due; null when none is. */
    Instant next() {
        Task t = tasks.peek();
        return t == null ? null : t.at();
    }

    /** Runs the next task, the agenda's clock moved to its time. */
    void runNext() {
        Task t = tasks.poll();
        now = t.at();
        t.action().run();
    }

    /** The time the agenda is at: the current task's, or what the benchmark last moved it to. */
    Instant now() {
        return now;
    }

    void moveTo(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }
}
