package org.shouwang.demo.detection;

import java.util.ArrayDeque;
import java.util.Deque;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.rules.RuleSink;

/**
 * Keeps what the rule engine concludes until the benchmark has returned from the engine call, so that the modelled
 * notifier never calls back into the engine from inside one of its listeners.
 */
final class RuleOutcomes implements RuleSink {

    /** An alert raised or cleared, in the order the engine gave them. */
    record Outcome(Alert raised, AlertCleared cleared) {
    }

    private final Deque<Outcome> pending = new ArrayDeque<>();

    @Override
    public void raised(Alert alert, String episode) {
        pending.add(new Outcome(alert, null));
    }

    @Override
    public void cleared(AlertCleared cleared, String episode) {
        pending.add(new Outcome(null, cleared));
    }

    /** The oldest outcome not yet taken; null when there is none. */
    Outcome poll() {
        return pending.poll();
    }
}
