package org.shouwang.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.AlertCleared;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceStatus;
import org.shouwang.model.IncidentChange;
import org.shouwang.model.IncidentResolution;
import org.shouwang.model.IncidentState;
import org.shouwang.model.Json;
import org.shouwang.model.Rule;
import org.shouwang.model.RuleHistory;
import org.shouwang.model.RuleJournalEntry;
import org.shouwang.model.Telemetry;
import org.shouwang.model.WatchRestart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RuleEngine} on the event bus: accepted telemetry, device events and statuses in,
 * alerts out on {@link Addresses#ALERT_RAISED} and clears on {@link Addresses#ALERT_CLEARED}, the rule
 * clock following the injected {@link Clock}. Its start completes as soon as it listens; rule state is
 * then rebuilt from the {@link RuleContextSource} ({@link RuleRecovery}) on a worker, while presses are
 * paged at once ({@link PressAlerts}) and everything else waits for {@link #recovered()}. It reloads the
 * registry snapshot on {@link Addresses#RULES_CHANGED} and every {@code contextRefresh}, and journals what
 * it publishes.
 */
public final class RulesVerticle extends AbstractVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(RulesVerticle.class);
    private static final Duration RECOVERY_RETRY = Duration.ofSeconds(5);

    private final RuleSettings settings;
    private final Clock clock;
    private final RuleContextSource source;

    /** Volatile for the readiness check, which reads it from a worker thread. */
    private volatile RuleEngine engine;
    private volatile long startedNanos = System.nanoTime();
    private final Map<Rule, Counter> alerts = new EnumMap<>(Rule.class);
    private final MeterRegistry registry;
    private final List<MessageConsumer<String>> consumers = new ArrayList<>();
    private final List<Pending<?>> pending = new ArrayList<>();
    private long tickTimer = -1;
    private long recoveryRetry = -1;
    private final Promise<Void> live = Promise.promise();
    /** Set by stop; read by the recovery worker too, which closes what it built if the verticle is gone. */
    private volatile boolean stopped;
    /** The recovery under way or done; stop waits for it, so its worker never reports to a closed event loop. */
    private Future<RuleRecovery.Recovered> recovering = Future.succeededFuture();
    /** Alert ids of presses paged while recovering: the engine's repeat of them is not published again. */
    private final Set<String> pagedEarly = new HashSet<>();
    /** Slices of 64 keep one turn of the event loop short while a backlog is fed. */
    private final RuleIntake intake = new RuleIntake(64, task -> vertx.runOnContext(v -> task.run()));
    private boolean tickQueued;
    private long refreshTimer = -1;
    private boolean reloading;
    private boolean reloadAgain;

    /** Rules without registry or database: devices judged by {@code settings}' defaults, nothing recovered. */
    public RulesVerticle(RuleSettings settings, Clock clock) {
        this(settings, clock, RuleContextSource.none());
    }

    /**
     * @param settings default thresholds, clock tick, recovery lookback, context refresh
     * @param clock    the platform clock: {@code Clock.systemUTC()} in production, a hand-driven clock in
     *                 tests and in the simulator so days pass in seconds
     * @param source   the registry snapshot, the stored history and the alert journal (the database)
     */
    public RulesVerticle(RuleSettings settings, Clock clock, RuleContextSource source) {
        this(settings, clock, source, new SimpleMeterRegistry());
    }

    /**
     * As above, counting into {@code registry}: {@code shouwang.rules.inputs} by kind, {@code shouwang.rules.alerts}
     * by rule, and {@code shouwang.rules.clock.lag}, the seconds since the rule clock last moved.
     */
    public RulesVerticle(RuleSettings settings, Clock clock, RuleContextSource source, MeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = Objects.requireNonNull(source, "source");
        this.registry = Objects.requireNonNull(registry, "registry");
        for (Rule rule : Rule.values()) {
            if (!rule.fromDevice()) {
                // Raised by the care module about an elder, never by the rules: no counter that stays at zero.
                continue;
            }
            alerts.put(rule, Counter.builder("shouwang.rules.alerts").tag("rule", rule.name())
                    .description("Alerts the rules raised (published to the notifier), by rule").register(registry));
        }
        Gauge.builder("shouwang.rules.clock.lag", this, v -> v.clockStandingFor().toNanos() / 1e9).baseUnit("seconds")
                .description("Real time since the rule clock last moved forward").register(registry);
    }

    /** Real time since the rule clock last moved; while state is being rebuilt, since start. For readiness. */
    public Duration clockStandingFor() {
        RuleEngine e = engine;
        return e == null ? Duration.ofNanos(System.nanoTime() - startedNanos) : e.sinceAdvanced();
    }

    /** Null while the rule clock keeps moving, else why the rules count as stalled ({@link RuleClockHealth}). */
    public String clockProblem() {
        return RuleClockHealth.problem(engine != null, clockStandingFor(), settings.tick());
    }

    @Override
    public void start(Promise<Void> startPromise) {
        startedNanos = System.nanoTime();
        // Listening first: what arrives while the state is rebuilt waits in pending, so nothing falls
        // between the history read and the first live message. A press is paged at once meanwhile.
        consume(Addresses.TELEMETRY_ACCEPTED, Telemetry.class, (engine, t) -> engine.onTelemetry(t),
                t -> RuleHistory.key(t.deviceId(), t.msgId()), Telemetry::receivedAt, false, null, input("telemetry"));
        consume(Addresses.EVENT_ACCEPTED, DeviceEvent.class, (engine, e) -> engine.onEvent(e),
                e -> RuleHistory.key(e.deviceId(), e.msgId()), DeviceEvent::receivedAt, true, this::pageEarly,
                input("event"));
        consume(Addresses.STATUS_ACCEPTED, DeviceStatus.class, (engine, s) -> engine.onStatus(s), s -> null,
                DeviceStatus::at, false, null, input("status"));
        consumers.add(vertx.eventBus().consumer(Addresses.RULES_CHANGED, message -> reloadContext()));
        consumers.add(vertx.eventBus().consumer(Addresses.INCIDENT_CHANGED, this::incidentChanged));
        Future.all(consumers.stream().map(MessageConsumer::completion).toList())
                .onSuccess(listening -> {
                    // Started once listening: the platform (ingest, notifier) must not wait for the history
                    // (it took minutes with a large one); rule state is rebuilt in the background.
                    recover();
                })
                .onFailure(cause -> {
                    // Vert.x does not call stop() after a failed start; release what was opened.
                    LOG.warn("rules verticle failed to start", cause);
                    release();
                })
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    /** Completes once rule state is rebuilt and the rules judge live; until then only presses are judged. */
    public Future<Void> recovered() {
        return live.future();
    }

    /**
     * Compiles the rules and rebuilds their state on a worker (never the event loop; unordered, so the
     * journal writes of early presses, which are ordered, do not queue behind it); tries again later if
     * the database fails.
     */
    private void recover() {
        if (stopped) {
            return;
        }
        recovering = vertx.executeBlocking(() -> {
            RuleRecovery.Recovered r = RuleRecovery.recover(settings, source, clock.instant());
            if (stopped) {
                // Undeployed (or Vert.x closed) meanwhile: nobody will take the engine over.
                r.engine().close();
            }
            return r;
        }, false);
        recovering.onComplete(done -> {
            if (done.succeeded()) {
                goLive(done.result());
            } else if (!stopped) {
                LOG.warn("rule state not recovered, trying again [in: {}, reason: {}]", RECOVERY_RETRY,
                        done.cause().getMessage());
                recoveryRetry = vertx.setTimer(RECOVERY_RETRY.toMillis(), id -> {
                    recoveryRetry = -1;
                    recover();
                });
            }
        });
    }

    private void goLive(RuleRecovery.Recovered recovered) {
        if (stopped) {
            recovered.engine().close();
            return;
        }
        engine = recovered.engine();
        recovered.toPublish().forEach(o -> {
            if (o.raised() != null) {
                if (!pagedEarly.contains(o.raised().alertId())) {
                    raised(o.raised(), o.episode());
                }
            } else {
                cleared(o.cleared(), o.episode());
            }
        });
        recovered.gate().watches().forEach(this::keepWatch);
        recovered.gate().open(new LiveSink());
        // Readings that came while recovering waited in pending (a queue, not a watermark: arrival stamps
        // alone cannot tell a reading committed after the digest's snapshot from one in it). The digest was
        // read from one snapshot that lists by key every reading received since KEYS_MARGIN before the
        // start: those it counted are dropped here, the rest fed in arrival order, so none is lost or
        // counted twice (short of one held in ingest for over KEYS_MARGIN across the start).
        List<Pending<?>> waiting = List.copyOf(pending);
        pending.clear();
        waiting.stream().filter(p -> p.key() == null || !recovered.replayed().contains(p.key()))
                .forEach(Pending::applyAtArrival);
        // Presses paged early were fed above; a later repeat is a redelivery the notifier drops anyway.
        int early = pagedEarly.size();
        pagedEarly.clear();
        tickTimer = vertx.setPeriodic(settings.tick().toMillis(), id -> queueTick());
        refreshTimer = vertx.setPeriodic(settings.contextRefresh().toMillis(), id -> reloadContext());
        if (reloadAgain) {
            reloadAgain = false;
            reloadContext();
        }
        LOG.info("rules live [tick: {}, context refresh: {}, waited: {}, presses paged while recovering: {}]",
                settings.tick(), settings.contextRefresh(), waiting.size(), early);
        live.tryComplete();
    }

    /**
     * An incident was resolved: its alerts' rules watch again from the resolution (RuleEngine#incidentResolved).
     * The resolution is read from the database (the change names the incident only) and fed in line with the
     * readings; while recovering it waits with them, as the recovery's snapshot may predate it.
     */
    private void incidentChanged(Message<String> message) {
        IncidentChange change = read(message, IncidentChange.class);
        if (change == null || change.state() != IncidentState.RESOLVED) {
            return;
        }
        vertx.executeBlocking(() -> source.resolution(change.incidentId()), false).onComplete(done -> {
            if (done.failed()) {
                LOG.warn("resolution not read, the rules keep watching as before [incident: {}, reason: {}]",
                        change.incidentId(), done.cause().getMessage());
                return;
            }
            done.result().ifPresent(resolution -> {
                Pending<IncidentResolution> p = new Pending<>(resolution,
                        (engine, r) -> engine.incidentResolved(r.alertIds(), r.at()), null, resolution.at());
                if (engine == null) {
                    pending.add(p);
                } else {
                    intake.inOrder(p::apply);
                }
            });
        });
    }

    /** While recovering: a press is paged now, by what its rule concludes; the engine gets it later. */
    private void pageEarly(DeviceEvent e) {
        PressAlerts.of(e, clock.instant()).filter(alert -> pagedEarly.add(alert.alertId()))
                .ifPresent(alert -> raised(alert, PressAlerts.EPISODE));
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        release().onComplete(stopPromise);
    }

    /** Closes whatever is still open; a second call finds nothing left and completes at once. */
    private Future<Void> release() {
        stopped = true;
        for (long timer : new long[] {tickTimer, refreshTimer, recoveryRetry}) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
        tickTimer = -1;
        refreshTimer = -1;
        recoveryRetry = -1;
        pagedEarly.clear();
        intake.clear();
        tickQueued = false;
        List<Future<Void>> unregistering = consumers.stream().map(MessageConsumer::unregister).toList();
        consumers.clear();
        pending.clear();
        return Future.join(unregistering)
                .eventually(() -> recovering.otherwiseEmpty())
                .eventually(() -> {
                    if (engine != null) {
                        engine.close();
                        engine = null;
                        LOG.info("rules verticle stopped");
                    }
                    return Future.succeededFuture();
                })
                .<Void>mapEmpty();
    }

    private Counter input(String kind) {
        return Counter.builder("shouwang.rules.inputs").tag("kind", kind)
                .description("Messages the rules took from the event bus, by kind").register(registry);
    }

    private <T> void consume(String address, Class<T> type, BiConsumer<RuleEngine, T> rules, Function<T, String> key,
                             Function<T, Instant> arrival, boolean urgent, Consumer<T> whileRecovering, Counter inputs) {
        consumers.add(vertx.eventBus().consumer(address, message -> {
            T payload = read(message, type);
            if (payload == null) {
                return;
            }
            inputs.increment();
            Pending<T> p = new Pending<>(payload, rules, key.apply(payload), arrival.apply(payload));
            if (engine == null) {
                if (whileRecovering != null) {
                    whileRecovering.accept(payload);
                }
                pending.add(p);
            } else if (urgent) {
                intake.urgent(p::apply);
            } else {
                intake.inOrder(p::apply);
            }
        }));
    }

    /** One tick at a time waits in line with the readings, so the clock never passes a queued reading. */
    private void queueTick() {
        if (!tickQueued) {
            tickQueued = true;
            intake.inOrder(mayAdvance -> {
                tickQueued = false;
                advanceClock();
            });
        }
    }

    private static <T> T read(Message<String> message, Class<T> type) {
        try {
            return Json.read(message.body(), type);
        } catch (RuntimeException e) {
            // Ingest only publishes validated records, so this is a bug upstream; never stop consuming.
            LOG.warn("unreadable message dropped [address: {}, type: {}]", message.address(), type.getSimpleName());
            return null;
        }
    }

    /** A message for the rules, fed now or, while recovering, once the state is rebuilt. */
    private final class Pending<T> {
        private final T payload;
        private final BiConsumer<RuleEngine, T> rules;
        private final String key;
        private final Instant at;

        Pending(T payload, BiConsumer<RuleEngine, T> rules, String key, Instant at) {
            this.payload = payload;
            this.rules = rules;
            this.key = key;
            this.at = at;
        }

        /**
         * Fed after waiting for recovery: the clock moves only to the message's arrival, not to now, so it
         * never runs past messages still waiting behind it (a meter would look silent).
         */
        void applyAtArrival() {
            if (engine != null) {
                Instant now = clock.instant();
                engine.advanceTo(at != null && at.isBefore(now) ? at : now);
                apply(false);
            }
        }

        String key() {
            return key;
        }

        void apply() {
            apply(true);
        }

        void apply(boolean mayAdvanceClock) {
            if (engine == null) {
                return;
            }
            try {
                // Bring the rule clock to now first, so timers due before this message fire before it counts;
                // not when it passed queued readings (the clock would run ahead of them).
                if (mayAdvanceClock) {
                    engine.advanceTo(clock.instant());
                }
                rules.accept(engine, payload);
            } catch (RuntimeException e) {
                LOG.error("rule evaluation failed [message: {}]", payload.getClass().getSimpleName(), e);
            }
        }
    }

    private void advanceClock() {
        if (engine == null) {
            return;
        }
        try {
            engine.advanceTo(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("rule clock could not advance", e);
        }
    }

    /**
     * Reads the registry snapshot off the event loop and applies it on it, one reload at a time; a change
     * announced while a reload runs (it may have read just before the change) reloads once more after it.
     */
    private void reloadContext() {
        if (engine == null) {
            // Recovery may have read the registry before this change: read it again once live.
            reloadAgain = true;
            return;
        }
        if (reloading) {
            reloadAgain = true;
            return;
        }
        reloading = true;
        vertx.executeBlocking(() -> source.context(clock.instant()), false)
                .onComplete(done -> {
                    reloading = false;
                    if (reloadAgain) {
                        reloadAgain = false;
                        reloadContext();
                    }
                    if (done.failed()) {
                        LOG.warn("rule context not reloaded [reason: {}]", done.cause().getMessage());
                    } else if (engine != null) {
                        engine.advanceTo(clock.instant());
                        engine.applyContext(done.result());
                    }
                });
    }

    private void raised(Alert alert, String episode) {
        alerts.get(alert.rule()).increment();
        vertx.eventBus().publish(Addresses.ALERT_RAISED, Json.write(alert));
        journal(RuleJournalEntry.raised(alert, episode));
    }

    private void cleared(AlertCleared cleared, String episode) {
        vertx.eventBus().publish(Addresses.ALERT_CLEARED, Json.write(cleared));
        journal(RuleJournalEntry.cleared(cleared, episode));
    }

    /** In order, so a clear never lands before its raise. */
    private void journal(RuleJournalEntry entry) {
        vertx.executeBlocking(() -> {
            source.record(entry);
            return null;
        }, true).onFailure(e -> LOG.warn("alert journal not written [alert: {}, reason: {}]", entry.alertId(),
                e.getMessage()));
    }

    /** In order with the journal, off the event loop. */
    private void keepWatch(WatchRestart restart) {
        vertx.executeBlocking(() -> {
            source.record(restart);
            return null;
        }, true).onFailure(e -> LOG.warn("watch restart not kept [device: {}, rule: {}, reason: {}]", restart.deviceId(),
                restart.rule(), e.getMessage()));
    }

    /** What the engine concludes once recovery is over: published and journaled. */
    private final class LiveSink implements RuleSink {
        @Override
        public void raised(Alert alert, String episode) {
            if (!pagedEarly.remove(alert.alertId())) {
                RulesVerticle.this.raised(alert, episode);
            }
        }

        @Override
        public void cleared(AlertCleared cleared, String episode) {
            RulesVerticle.this.cleared(cleared, episode);
        }

        @Override
        public void watchRestarted(WatchRestart restart) {
            keepWatch(restart);
        }
    }
}
