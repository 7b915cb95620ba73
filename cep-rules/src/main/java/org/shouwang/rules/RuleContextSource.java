package org.shouwang.rules;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.shouwang.model.IncidentResolution;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.WaterInterval;
import org.shouwang.model.WatchRestart;

/**
 * Where the rules learn what the devices' messages do not tell them, and keep what they published: the
 * registry snapshot (device → elder → street, thresholds, extreme-weather mode, absences), the stored
 * history digested to rebuild state after a restart, and the journal of alerts and clears. Blocking: the
 * {@link RulesVerticle} calls it on worker threads.
 *
 * <p>The database implements it ({@code org.shouwang.db.RuleStore}); {@code db} cannot depend on this
 * module, so the composition root joins the two with {@link #of}.
 */
public interface RuleContextSource {

    /** The registry as of {@code now}; called at start, on {@code RULES_CHANGED} and every context refresh. */
    RuleContext context(Instant now);

    /** The recovery period: a digest per meter, device events, the journal, the latest readings' keys. */
    RuleHistory history(RuleHistory.Request request);

    /** Every interval of these meters that started in {@code [from, to)}, by start: for digests that need more. */
    Map<String, List<WaterInterval>> water(Collection<String> deviceIds, Instant from, Instant to);

    /** Keeps one raise or clear the rules published. */
    void record(RuleJournalEntry entry);

    /** Keeps one watch restart (a resolution, a data gap), read back by {@link #history} after a restart. */
    void record(WatchRestart restart);

    /** An incident's resolution and the alerts it held; empty when it is not (or no longer) resolved. */
    Optional<IncidentResolution> resolution(long incidentId);

    /** The intervals asked of {@link #water}. */
    interface Water {
        Map<String, List<WaterInterval>> of(Collection<String> deviceIds, Instant from, Instant to);
    }

    static RuleContextSource of(Function<Instant, RuleContext> context, Function<RuleHistory.Request, RuleHistory> history,
                                Water water, Consumer<RuleJournalEntry> journal, Consumer<WatchRestart> watches,
                                LongFunction<Optional<IncidentResolution>> resolutions) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(water, "water");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(watches, "watches");
        Objects.requireNonNull(resolutions, "resolutions");
        return new RuleContextSource() {
            @Override
            public RuleContext context(Instant now) {
                return context.apply(now);
            }

            @Override
            public RuleHistory history(RuleHistory.Request request) {
                return history.apply(request);
            }

            @Override
            public Map<String, List<WaterInterval>> water(Collection<String> deviceIds, Instant from, Instant to) {
                return water.of(deviceIds, from, to);
            }

            @Override
            public void record(RuleJournalEntry entry) {
                journal.accept(entry);
            }

            @Override
            public void record(WatchRestart restart) {
                watches.accept(restart);
            }

            @Override
            public Optional<IncidentResolution> resolution(long incidentId) {
                return resolutions.apply(incidentId);
            }
        };
    }

    /** No registry and no database: every device judged by the configured defaults, nothing recovered. */
    static RuleContextSource none() {
        return of(now -> RuleContext.empty(), request -> RuleHistory.empty(), (ids, from, to) -> Map.of(), entry -> { },
                restart -> { }, incidentId -> Optional.empty());
    }
}
