package org.shouwang.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds rule state after a restart by replaying what the database holds, and decides what of the
 * replay's output still has to be published.
 *
 * <p>The engine starts {@code recoveryLookback} before now and is fed, in arrival order and with its
 * clock at each arrival, the stored telemetry and device events; the journal's raises and clears are
 * interleaved at their own times, so episodes open and close as they did before the restart and under
 * the ids the notifier knows. Devices last heard before the replayed period are seeded from the
 * registry's last-seen time, buttons last known offline from their status. The clock then runs on to now.
 *
 * <p>Nothing is published during the replay. Afterwards: a button press the journal does not list is
 * published (it was stored but never reached the rules, e.g. a crash between commit and announcement;
 * the notifier drops it if it did); an episode still open that the journal does not list is published
 * (a deadline that fell while the platform was down: the silent elder is not forgotten); a clear of an
 * episode the journal lists as open is published. Episodes that opened and closed within the replay are
 * not: they are over, and raising them now would be the flood a restart must not cause.
 */
final class RuleRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RuleRecovery.class);

    /**
     * The engine, its sink gate (open once the caller goes live), what to publish, and the messages the
     * replay fed ({@link #key}), so messages that arrive while recovering are not fed twice.
     */
    record Recovered(RuleEngine engine, GatedSink gate, List<Outcome> toPublish, Set<String> replayed) {
    }

    /** Identifies a stored message: ingest's dedup key. */
    static String key(String deviceId, String msgId) {
        return deviceId + '\u0000' + msgId;
    }

    /** One raise or clear of the replay. */
    record Outcome(Alert raised, AlertCleared cleared, String episode) {
        String alertId() {
            return raised != null ? raised.alertId() : cleared.alertId();
        }
    }

    private RuleRecovery() {
    }

    static Recovered recover(RuleSettings settings, RuleContext context, RuleHistory history, Instant now) {
        Instant from = now.minus(settings.recoveryLookback());
        GatedSink gate = new GatedSink();
        RuleEngine engine = new RuleEngine(settings, from, gate);
        try {
            engine.applyContext(context);
            seed(engine, context, from);
            for (Step step : timeline(history, from)) {
                engine.advanceTo(step.at());
                step.apply(engine);
            }
            engine.advanceTo(now);
            List<Outcome> publish = reconcile(gate.captured(), history.journal(), engine.openEpisodes());
            LOG.info("rule state recovered [from: {}, telemetry: {}, events: {}, journal: {}, open episodes: {}, to publish: {}]",
                    from, history.telemetry().size(), history.events().size(), history.journal().size(),
                    engine.openEpisodes().size(), publish.size());
            Set<String> replayed = new HashSet<>();
            history.telemetry().forEach(t -> replayed.add(key(t.deviceId(), t.msgId())));
            history.events().forEach(e -> replayed.add(key(e.deviceId(), e.msgId())));
            return new Recovered(engine, gate, publish, replayed);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Devices whose last sign of life is older than the replay, and buttons the registry knows as offline. */
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

    private static List<Step> timeline(RuleHistory history, Instant from) {
        List<Step> steps = new ArrayList<>();
        history.telemetry().forEach(t -> steps.add(new Step(at(t.receivedAt(), from), 0, e -> e.onTelemetry(t))));
        history.events().forEach(ev -> steps.add(new Step(at(ev.receivedAt(), from), 0, e -> e.onEvent(ev))));
        for (RuleJournalEntry j : history.journal()) {
            if (j.raisedAt() != null && (j.clearedAt() == null || !j.clearedAt().isBefore(from))) {
                steps.add(new Step(at(j.raisedAt(), from), 1, e -> e.restore(j)));
            }
            if (j.clearedAt() != null && !j.clearedAt().isBefore(from)) {
                steps.add(new Step(j.clearedAt(), 2, e -> e.forget(j)));
            }
        }
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

        synchronized List<Outcome> captured() {
            return List.copyOf(captured);
        }

        /** From now on every outcome goes to {@code sink}. */
        synchronized void open(RuleSink sink) {
            live = Objects.requireNonNull(sink, "sink");
            captured.clear();
        }
    }
}
