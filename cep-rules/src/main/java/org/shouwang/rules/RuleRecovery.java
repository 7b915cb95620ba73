package org.shouwang.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.MeterDigest;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.RuleThresholds;
import org.shouwang.model.WaterInterval;
import org.shouwang.model.WatchRestart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds rule state after a restart from what the database holds, and decides what of it still has to
 * be published.
 *
 * <p>Bounded: the database digests each meter's telemetry of the last {@code recoveryLookback} in SQL
 * ({@link MeterDigest}: last arrival, coverage, day totals, battery, recent intervals), so the read is a
 * few rows per meter, not every reading (replaying them took 76 s with 105 k readings). The engine starts
 * at the period's beginning and is fed, in time order with its clock at each: every meter's digest at its
 * last arrival ({@link RuleEngine#restoreMeter}), the stored device events at their arrival (presses and
 * alarms are few), and the journal's raises and clears at their own times, so episodes open and close
 * under the ids the notifier knows. Devices last heard before the period are seeded from the registry's
 * last-seen time, buttons last known offline from their status. The clock then runs on to now, so a
 * deadline still ahead (a home silent for 20 h) falls at its own time.
 *
 * <p>Nothing is published during recovery. Afterwards: a button press the journal does not list is
 * published (it was stored but never reached the rules, e.g. a crash between commit and announcement;
 * the notifier drops it if it did); an episode still open that the journal does not list is published
 * (a deadline that fell while the platform was down: the silent elder is not forgotten); a clear of an
 * episode the journal lists as open is published. Episodes that opened and closed within the period are
 * not: they are over, and raising them now would be the flood a restart must not cause.
 *
 * <p>What a digest cannot tell, against feeding every reading: a condition found while the rules were
 * down is raised at the meter's last arrival rather than at the reading that showed it; a low battery
 * never journaled is named by the newest low reading; late readings older than ones already counted
 * are counted as if they had come in order.
 */
final class RuleRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RuleRecovery.class);
    /** Intervals this recent are in each digest one by one; a meter whose state reaches further back is fetched whole. */
    static final Duration RECENT = Duration.ofHours(12);
    /**
     * Readings received this long before the start are listed by key, to tell those in the digest from
     * those only delivered live (see {@link RulesVerticle}); ingest announces a reading seconds after
     * receiving it, so one older than this that arrives live was not committed when the digest was read.
     */
    static final Duration KEYS_MARGIN = Duration.ofMinutes(15);

    /**
     * The engine, its sink gate (open once the caller goes live), what to publish, and the keys of the
     * messages recovery counted that may also arrive live ({@link RuleHistory#key}), so they are not fed twice.
     */
    record Recovered(RuleEngine engine, GatedSink gate, List<Outcome> toPublish, Set<String> replayed) {
    }

    /** One raise or clear of the recovery. */
    record Outcome(Alert raised, AlertCleared cleared, String episode) {
        String alertId() {
            return raised != null ? raised.alertId() : cleared.alertId();
        }
    }

    private RuleRecovery() {
    }

    static Recovered recover(RuleSettings settings, RuleContextSource source, Instant now) {
        long started = System.nanoTime();
        // From midnight: the database keeps the rules' digest per calendar day (rules_meter_day), so the period
        // is read in whole days; starting the engine there too keeps events, journal and digests of one period.
        Instant from = now.minus(settings.recoveryLookback()).atZone(AlertTexts.ZONE).toLocalDate()
                .atStartOfDay(AlertTexts.ZONE).toInstant();
        // The end is inclusive: a message stored at this very millisecond is counted, not lost.
        RuleHistory.Request request = new RuleHistory.Request(from, now.plusMillis(1), now.minus(RECENT),
                now.minus(KEYS_MARGIN), AlertTexts.ZONE);
        // Three long things at once: the database digests, the modules compile (the first engine in a JVM
        // takes seconds), and the registry snapshot loads here.
        AtomicLong readDone = new AtomicLong(started);
        CompletableFuture<RuleHistory> reading = CompletableFuture.supplyAsync(() -> {
            RuleHistory h = source.history(request);
            readDone.set(System.nanoTime());
            return h;
        }, task -> daemon(task, "shouwang-rules-history"));
        CompletableFuture.runAsync(RuleModules::compiled, task -> daemon(task, "shouwang-rules-compile"));
        RuleContext context;
        try {
            context = source.context(now);
        } catch (RuntimeException e) {
            reading.cancel(false);
            throw e;
        }
        long loaded = System.nanoTime();
        GatedSink gate = new GatedSink();
        RuleEngine engine;
        try {
            engine = new RuleEngine(settings, from, gate);
        } catch (RuntimeException e) {
            reading.cancel(false);
            throw e;
        }
        long deployed = System.nanoTime();
        try {
            engine.applyContext(context);
            long compiled = System.nanoTime();
            RuleHistory history = history(reading);
            Map<String, List<WaterInterval>> more = source.water(needingMore(engine, history, request), from,
                    request.to());
            long read = System.nanoTime();
            seed(engine, context, from);
            for (Step step : timeline(history, more, from)) {
                engine.advanceTo(step.at());
                step.apply(engine);
            }
            engine.advanceTo(now);
            List<Outcome> publish = reconcile(gate.captured(), history.journal(), engine.openEpisodes());
            LOG.info("rule state recovered [from: {}, meters: {}, fetched whole: {}, events: {}, journal: {},"
                            + " open episodes: {}, to publish: {}, ms engine: {} (registry {}, compile and deploy {},"
                            + " context applied {}), ms digest read: {}, ms read after it: {}, ms rebuild: {}]",
                    from, history.meters().size(), more.size(), history.events().size(), history.journal().size(),
                    engine.openEpisodes().size(), publish.size(), (compiled - started) / 1_000_000,
                    (loaded - started) / 1_000_000, (deployed - loaded) / 1_000_000, (compiled - deployed) / 1_000_000,
                    (readDone.get() - started) / 1_000_000, (read - compiled) / 1_000_000,
                    (System.nanoTime() - read) / 1_000_000);
            Set<String> replayed = new HashSet<>(history.recentKeys());
            history.events().forEach(e -> replayed.add(RuleHistory.key(e.deviceId(), e.msgId())));
            return new Recovered(engine, gate, publish, replayed);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static RuleHistory history(CompletableFuture<RuleHistory> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Meters whose recent intervals do not settle their state (by their own thresholds). */
    private static Set<String> needingMore(RuleEngine engine, RuleHistory history, RuleHistory.Request request) {
        Set<String> ids = new TreeSet<>();
        for (MeterDigest d : history.meters()) {
            RuleThresholds t = engine.thresholds(d.deviceId(), DeviceKind.WATER_METER);
            if (MeterRestore.needsMore(d, request.recentFrom(), t.noWaterMinLiters(), engine.flowShape(t))) {
                ids.add(d.deviceId());
            }
        }
        return ids;
    }

    /** Devices whose last sign of life is older than the period, and buttons the registry knows as offline. */
    private static void seed(RuleEngine engine, RuleContext context, Instant from) {
        for (RuleContext.DeviceHome d : context.devices()) {
            if (d.lastSeenAt() != null && d.lastSeenAt().isBefore(from)) {
                engine.heard(d.deviceId(), d.kind(), d.lastSeenAt());
            }
            if (d.kind() == DeviceKind.CALL_BUTTON && Boolean.FALSE.equals(d.online())) {
                engine.onStatus(new DeviceStatus(d.deviceId(), false, from));
            }
        }
    }

    /** A thing to do at a time; data before journal entries of the same instant (a raise follows its cause). */
    private record Step(Instant at, int order, java.util.function.Consumer<RuleEngine> action) {
        void apply(RuleEngine engine) {
            action.accept(engine);
        }
    }

    private static List<Step> timeline(RuleHistory history, Map<String, List<WaterInterval>> more, Instant from) {
        List<Step> steps = new ArrayList<>();
        for (MeterDigest d : history.meters()) {
            List<WaterInterval> intervals = more.getOrDefault(d.deviceId(), d.recent());
            Instant at = d.lastHeardAt() != null ? d.lastHeardAt() : d.coveredUntil();
            var routineDays = history.routineDays().getOrDefault(d.deviceId(), Map.of());
            steps.add(new Step(at(at, from), 0, e -> e.restoreMeter(d, intervals, routineDays)));
        }
        history.events().forEach(ev -> steps.add(new Step(at(ev.receivedAt(), from), 0, e -> e.onEvent(ev))));
        for (RuleJournalEntry j : history.journal()) {
            if (j.raisedAt() != null && (j.clearedAt() == null || !j.clearedAt().isBefore(from))) {
                steps.add(new Step(at(j.raisedAt(), from), 1, e -> e.restore(j)));
            }
            if (j.clearedAt() != null && !j.clearedAt().isBefore(from)) {
                steps.add(new Step(j.clearedAt(), 2, e -> e.forget(j)));
            }
        }
        // After the raise of the same instant (a resolution ends an episode already raised), before its clear.
        history.watches().forEach(w -> steps.add(new Step(at(w.at(), from), 1, e -> e.restartWatch(w))));
        steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));
        return steps;
    }

    private static Instant at(Instant t, Instant from) {
        return t == null || t.isBefore(from) ? from : t;
    }

    static List<Outcome> reconcile(List<Outcome> captured, List<RuleJournalEntry> journal, List<OpenEpisode> open) {
        Set<String> journaled = journal.stream().map(RuleJournalEntry::alertId).collect(Collectors.toSet());
        Set<String> journaledOpen = journal.stream().filter(j -> j.clearedAt() == null)
                .map(RuleJournalEntry::alertId).collect(Collectors.toSet());
        Set<String> stillOpen = open.stream().map(OpenEpisode::alertId).collect(Collectors.toSet());
        Set<String> published = new HashSet<>();
        List<Outcome> publish = new ArrayList<>();
        for (Outcome o : captured) {
            boolean wanted;
            if (o.raised() != null) {
                wanted = !journaled.contains(o.alertId())
                        && (o.raised().rule() == Rule.BUTTON_PRESSED || stillOpen.contains(o.alertId()));
            } else {
                wanted = journaledOpen.contains(o.alertId());
            }
            if (wanted && published.add((o.raised() != null ? "raise:" : "clear:") + o.alertId())) {
                publish.add(o);
            }
        }
        return publish;
    }

    /** Captures the replay's output until {@link #open} hands it to the live sink. */
    static final class GatedSink implements RuleSink {

        private final List<Outcome> captured = new ArrayList<>();
        private final List<WatchRestart> watches = new ArrayList<>();
        private volatile RuleSink live;

        @Override
        public synchronized void raised(Alert alert, String episode) {
            if (live != null) {
                live.raised(alert, episode);
            } else {
                captured.add(new Outcome(alert, null, episode));
            }
        }

        @Override
        public synchronized void cleared(AlertCleared cleared, String episode) {
            if (live != null) {
                live.cleared(cleared, episode);
            } else {
                captured.add(new Outcome(null, cleared, episode));
            }
        }

        @Override
        public synchronized void watchRestarted(WatchRestart restart) {
            if (live != null) {
                live.watchRestarted(restart);
            } else {
                watches.add(restart);
            }
        }

        /** The watch restarts of the replay: kept again (idempotent), as some came from resolutions never kept. */
        synchronized List<WatchRestart> watches() {
            return List.copyOf(watches);
        }

        synchronized List<Outcome> captured() {
            return List.copyOf(captured);
        }

        /** From now on every outcome goes to {@code sink}. */
        synchronized void open(RuleSink sink) {
            live = Objects.requireNonNull(sink, "sink");
            captured.clear();
            watches.clear();
        }
    }
}
