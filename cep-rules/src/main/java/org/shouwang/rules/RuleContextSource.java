package org.shouwang.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;

/**
 * Where the rules learn what the devices' messages do not tell them, and keep what they published: the
 * registry snapshot (device → elder → street, thresholds, extreme-weather mode, absences), the stored
 * history to rebuild state after a restart, and the journal of alerts and clears. Blocking: the
 * {@link RulesVerticle} calls it on worker threads.
 *
 * <p>The database implements it ({@code org.shouwang.db.RuleStore}); {@code db} cannot depend on this
 * module, so the composition root joins the two with {@link #of}.
 */
public interface RuleContextSource {

    /** The registry as of {@code now}; called at start, on {@code RULES_CHANGED} and every context refresh. */
    RuleContext context(Instant now);

    /** Telemetry and device events received in {@code [from, to)}, and the journal since {@code from}. */
    RuleHistory history(Instant from, Instant to);

    /** Keeps one raise or clear the rules published. */
    void record(RuleJournalEntry entry);

    static RuleContextSource of(Function<Instant, RuleContext> context,
                                BiFunction<Instant, Instant, RuleHistory> history,
                                Consumer<RuleJournalEntry> journal) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(journal, "journal");
        return new RuleContextSource() {
            @Override
            public RuleContext context(Instant now) {
                return context.apply(now);
            }

            @Override
            public RuleHistory history(Instant from, Instant to) {
                return history.apply(from, to);
            }

            @Override
            public void record(RuleJournalEntry entry) {
                journal.accept(entry);
            }
        };
    }

    /** No registry and no database: every device judged by the configured defaults, nothing recovered. */
    static RuleContextSource none() {
        return of(now -> RuleContext.empty(), (from, to) -> org.shouwang.model.RuleHistory.empty(), entry -> { });
    }
}
