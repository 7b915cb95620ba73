package org.shouwang.rules;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The rules' intake on their event loop: messages are queued as they arrive and fed to the engine in
 * slices, device events (a button press) before readings, readings and clock ticks strictly in order.
 *
 * <p>Why: fed straight from the event bus, a backlog of meter readings made a press wait behind all of
 * them (seconds under overload, measured with {@code shouwang bench}). Queuing is cheap, so the event
 * loop takes every delivery promptly, and each slice starts with whatever presses came in meanwhile.
 * Ticks stay in line with readings so the rule clock never runs ahead of readings still queued (a meter
 * would look silent); a press that passes readings is therefore fed without moving the clock.
 * Single-threaded: every method runs on the verticle's event loop.
 */
final class RuleIntake {

    /** Feeds one message; {@code mayAdvanceClock} is false when readings older than it are still queued. */
    interface Feed {
        void run(boolean mayAdvanceClock);
    }

    private final ArrayDeque<Feed> urgent = new ArrayDeque<>();
    private final ArrayDeque<Feed> inOrder = new ArrayDeque<>();
    private final int slice;
    private final Consumer<Runnable> later;
    private boolean scheduled;

    /**
     * @param slice how many messages one turn of the event loop feeds at most
     * @param later runs the next slice after what the event loop already has queued (runOnContext)
     */
    RuleIntake(int slice, Consumer<Runnable> later) {
        if (slice < 1) {
            throw new IllegalArgumentException("slice must be at least 1");
        }
        this.slice = slice;
        this.later = later;
    }

    /** A device event: passes queued readings. */
    void urgent(Feed feed) {
        urgent.add(feed);
        schedule();
    }

    /** A reading, a status or a clock tick: in arrival order. */
    void inOrder(Feed feed) {
        inOrder.add(feed);
        schedule();
    }

    int backlog() {
        return urgent.size() + inOrder.size();
    }

    void clear() {
        urgent.clear();
        inOrder.clear();
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            later.accept(this::drain);
        }
    }

    /** Feeds one slice, urgent first; schedules the next slice if anything is left. */
    void drain() {
        scheduled = false;
        for (int i = 0; i < slice; i++) {
            Feed next = urgent.poll();
            if (next != null) {
                next.run(inOrder.isEmpty());
                continue;
            }
            next = inOrder.poll();
            if (next == null) {
                return;
            }
            next.run(true);
        }
        if (backlog() > 0) {
            schedule();
        }
    }
}
