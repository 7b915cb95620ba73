package org.shouwang.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.WatchRestart;

/**
 * A tiny RulesVerticle for tests without an event bus: recovers from a {@link MemoryRuleStore}, publishes what
 * recovery hands over, then goes live; what it publishes and every watch restart is kept in the store's journal,
 * as the verticle keeps them in PostgreSQL.
 */
final class RecoveringRules implements AutoCloseable {

    final List<Alert> published = new ArrayList<>();
    final List<AlertCleared> cleared = new ArrayList<>();
    private final MemoryRuleStore store;
    private RuleEngine engine;

    RecoveringRules(MemoryRuleStore store) {
        this.store = store;
    }

    /** Recovers at {@code now}; returns the engine to feed. */
    RuleEngine start(Instant now) {
        RuleRecovery.Recovered r = RuleRecovery.recover(RuleSettings.DEFAULTS, store, now);
        engine = r.engine();
        for (RuleRecovery.Outcome o : r.toPublish()) {
            if (o.raised() != null) {
                live.raised(o.raised(), o.episode());
            } else {
                live.cleared(o.cleared(), o.episode());
            }
        }
        r.gate().watches().forEach(store::record);
        r.gate().open(live);
        return engine;
    }

    /** Stops the engine (as a crash would) and recovers at {@code now}. */
    RuleEngine restart(Instant now) {
        close();
        return start(now);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private final RuleSink live = new RuleSink() {
        @Override
        public void raised(Alert alert, String episode) {
            published.add(alert);
            store.record(RuleJournalEntry.raised(alert, episode));
        }

        @Override
        public void cleared(AlertCleared c, String episode) {
            cleared.add(c);
            store.record(RuleJournalEntry.cleared(c, episode));
        }

        @Override
        public void watchRestarted(WatchRestart restart) {
            store.record(restart);
        }
    };
}
