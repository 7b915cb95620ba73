package org.shouwang.notifier;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.Rule;
import org.shouwang.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link IncidentService} on the event bus and the clock: alerts in on
 * {@link Addresses#ALERT_RAISED}, cleared conditions on {@link Addresses#ALERT_CLEARED}, every incident
 * change out on {@link Addresses#INCIDENT_CHANGED}, and {@link IncidentService#tick()} every {@code tick}
 * for due escalation steps, repeats, retries and the daily {@link DigestScheduler digest} (at start too, which resumes what a restart left
 * pending). All of it on a worker pool of its own, so a slow provider for one elder does not hold up
 * another elder's page.
 */
public final class NotifierVerticle extends AbstractVerticle {

    public static final int DEFAULT_WORKER_POOL_SIZE = 4;
    /** Steps are minutes apart; seconds of lateness do not matter, an idle database query every 5 s does not either. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(5);
    static final String WORKER_POOL_NAME = "shouwang-notifier";

    private static final Logger LOG = LoggerFactory.getLogger(NotifierVerticle.class);

    private final IncidentService service;
    private final IncidentChanges changes;
    private final int workerPoolSize;
    private final Duration tick;
    private final DigestScheduler digest;
    private final OutagePager outage;
    private final AtomicBoolean ticking = new AtomicBoolean();
    static final long FIRST_RETRY_MS = 500;
    /** A press not handled through the database within this is paged from memory ({@link OutagePager}). */
    static final long OUTAGE_GRACE_MS = 2_000;
    static final long MAX_RETRY_MS = 30_000;
    /** How long a stop waits for the alerts and the tick in hand (a page half sent would go again after its lease). */
    static final long DRAIN_MS = 15_000;

    private WorkerExecutor workers;
    private MessageConsumer<String> alerts;
    private MessageConsumer<String> clears;
    private Runnable unsubscribe;
    private Long timer;
    /** Work on the workers now: a stop lets it finish before closing them. Touched on this verticle's context only. */
    private final Set<Future<?>> inFlight = new HashSet<>();
    private boolean stopping;

    /**
     * @param changes the {@link IncidentChanges} the service (and the console's {@link IncidentCommands})
     *                announce to; all of them are published on the event bus
     */
    public NotifierVerticle(IncidentService service, IncidentChanges changes) {
        this(service, changes, DEFAULT_WORKER_POOL_SIZE, DEFAULT_TICK);
    }

    public NotifierVerticle(IncidentService service, IncidentChanges changes, int workerPoolSize) {
        this(service, changes, workerPoolSize, DEFAULT_TICK);
    }

    public NotifierVerticle(IncidentService service, IncidentChanges changes, int workerPoolSize, Duration tick) {
        this(service, changes, workerPoolSize, tick, null);
    }

    /** @param digest writes the daily maintenance digest at each tick, before due pages go out; null for none */
    public NotifierVerticle(IncidentService service, IncidentChanges changes, int workerPoolSize, Duration tick,
                            DigestScheduler digest) {
        this(service, changes, workerPoolSize, tick, digest, null);
    }

    /** @param outage pages a press from memory when the database cannot take its alert; null for none */
    public NotifierVerticle(IncidentService service, IncidentChanges changes, int workerPoolSize, Duration tick,
                            DigestScheduler digest, OutagePager outage) {
        this.outage = outage;
        this.service = Objects.requireNonNull(service, "service");
        this.digest = digest;
        this.changes = Objects.requireNonNull(changes, "changes");
        if (workerPoolSize < 1) {
            throw new IllegalArgumentException("notifier worker pool size must be at least 1, was " + workerPoolSize);
        }
        if (tick == null || tick.toMillis() < 10 || tick.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("notifier tick must be between 10 ms and 1 minute, was " + tick);
        }
        this.workerPoolSize = workerPoolSize;
        this.tick = tick;
    }

    @Override
    public void start(Promise<Void> startPromise) {
        workers = vertx.createSharedWorkerExecutor(WORKER_POOL_NAME, workerPoolSize);
        unsubscribe = changes.subscribe(change ->
                vertx.eventBus().publish(Addresses.INCIDENT_CHANGED, Json.write(change)));
        alerts = vertx.eventBus().consumer(Addresses.ALERT_RAISED, this::onAlert);
        clears = vertx.eventBus().consumer(Addresses.ALERT_CLEARED, this::onCleared);
        // The copy of care teams for paging without the database is there before the first alert can need it
        // (refresh never fails: with the database away the copy stays empty until it is back).
        Future<Void> copied = outage == null ? Future.succeededFuture() : workers.executeBlocking(() -> {
            outage.refresh();
            return null;
        }, false);
        Future.all(alerts.completion(), clears.completion(), copied)
                .onSuccess(registered -> {
                    // Listening already, so no alert is missed while a restart's backlog is worked off.
                    timer = vertx.setPeriodic(1, tick.toMillis(), id -> tick());
                    LOG.info("notifier verticle started [workers: {}, tick: {}]", workerPoolSize, tick);
                })
                .onFailure(cause -> {
                    // Vert.x does not call stop() after a failed start; release what was opened.
                    LOG.warn("notifier verticle failed to start", cause);
                    release();
                })
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        release().onComplete(stopPromise);
    }

    /** Closes whatever is still open; a second call finds nothing left and completes at once. */
    private Future<Void> release() {
        if (timer != null) {
            vertx.cancelTimer(timer);
            timer = null;
        }
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        Future<Void> unregistered = Future.succeededFuture();
        if (alerts != null) {
            unregistered = alerts.unregister();
            alerts = null;
        }
        if (clears != null) {
            unregistered = Future.all(unregistered, clears.unregister()).mapEmpty();
            clears = null;
        }
        stopping = true;
        // A stop (a graceful restart, a leader handing over) lets the alerts and the tick in hand finish first:
        // an alert the rules have journaled is not raised again by the next start, and a page the outbox has
        // claimed but not booked would go out twice once its lease ends.
        List<Future<?>> draining = List.copyOf(inFlight);
        Future<Void> drained = draining.isEmpty() ? Future.succeededFuture()
                : Future.join(draining).<Void>mapEmpty().timeout(DRAIN_MS, TimeUnit.MILLISECONDS)
                .recover(e -> {
                    LOG.warn("notifier stopping with work unfinished [in flight: {}, cause: {}]", inFlight.size(),
                            e.toString());
                    return Future.succeededFuture();
                });
        return unregistered.eventually(() -> drained).eventually(() -> {
            if (workers == null) {
                return Future.succeededFuture();
            }
            WorkerExecutor closing = workers;
            workers = null;
            LOG.info("notifier verticle stopped");
            return closing.close();
        });
    }

    /** One tick at a time: a slow one (a provider timing out) makes the next wait, not pile up. */
    private void tick() {
        WorkerExecutor w = workers;
        if (w == null || !ticking.compareAndSet(false, true)) {
            return;
        }
        track(w.executeBlocking(this::runDue, false))
                .onFailure(cause -> LOG.error("escalation tick failed, trying again next tick", cause))
                .onComplete(done -> ticking.set(false));
    }

    /** The digest first, so its pages go out with this tick's; its trouble must not hold up escalation. */
    private int runDue() {
        if (outage != null) {
            outage.refreshIfStale();
        }
        if (digest != null) {
            try {
                digest.tick();
            } catch (RuntimeException e) {
                LOG.error("maintenance digest failed, trying again next tick", e);
            }
        }
        return service.tick();
    }

    private void onAlert(Message<String> message) {
        Alert alert = read(message);
        if (alert == null) {
            return;
        }
        AtomicBoolean handled = new AtomicBoolean();
        if (outage != null && alert.rule() == Rule.BUTTON_PRESSED) {
            // A database that hangs rather than refuses would hold the press for the pool's timeout: if it is
            // not handled soon, it is paged from memory. The journal and the outbox never both send one page.
            vertx.setTimer(OUTAGE_GRACE_MS, t -> {
                if (!handled.get()) {
                    pageFromMemory(alert);
                }
            });
        }
        handle(alert, message, 0, handled);
    }

    private void pageFromMemory(Alert alert) {
        outage.pageAsync(alert).whenComplete((sent, e) -> {
            if (e != null) {
                LOG.error("press not paged from memory [alert: {}]", alert.alertId(), e);
            }
        });
    }

    /**
     * Handles an alert, and tries again with backoff for as long as this verticle runs when that fails (the
     * database briefly away, say): an alert given up is an elder nobody hears about, and handling is
     * idempotent by alert id, so a retry can never page twice. The sender learns of the first failure.
     */
    private void handle(Alert alert, Message<String> message, int attempt, AtomicBoolean handled) {
        WorkerExecutor w = workers;
        if (w == null) {
            LOG.error("notifier stopped before an alert was handled [alert: {}, device: {}, rule: {}]",
                    alert.alertId(), alert.deviceId(), alert.rule());
            return;
        }
        track(w.executeBlocking(() -> service.handle(alert), false))
                .onSuccess(recording -> {
                    handled.set(true);
                    if (message != null) {
                        message.reply(recording.map(r -> r.outcome().name()).orElse("NO_ELDER"));
                    }
                    if (attempt > 0) {
                        LOG.info("alert handled after retrying [alert: {}, attempts: {}]", alert.alertId(), attempt + 1);
                    }
                })
                .onFailure(cause -> {
                    long retryIn = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(attempt, 10));
                    LOG.error("alert not handled, will retry [alert: {}, device: {}, rule: {}, attempt: {}, retry in: {} ms]",
                            alert.alertId(), alert.deviceId(), alert.rule(), attempt + 1, retryIn, cause);
                    if (message != null) {
                        message.fail(500, "alert not handled yet, retrying");
                    }
                    if (stopping) {
                        LOG.error("notifier stopped before an alert was handled [alert: {}, device: {}, rule: {}]",
                                alert.alertId(), alert.deviceId(), alert.rule());
                        return;
                    }
                    if (attempt == 0 && outage != null && alert.rule() == Rule.BUTTON_PRESSED) {
                        pageFromMemory(alert); // the elder must not wait for the database
                    }
                    vertx.setTimer(retryIn, t -> handle(alert, null, attempt + 1, handled));
                });
    }

    private void onCleared(Message<String> message) {
        Alert cleared = read(message);
        if (cleared == null) {
            return;
        }
        track(workers.executeBlocking(() -> service.clear(cleared), false))
                .onSuccess(stopped -> message.reply(stopped ? "STOPPED" : "NOT_STOPPED"))
                .onFailure(cause -> {
                    LOG.error("cleared condition not handled [device: {}, rule: {}]", cleared.deviceId(),
                            cleared.rule(), cause);
                    message.fail(500, "cleared condition not handled");
                });
    }

    private <T> Future<T> track(Future<T> work) {
        inFlight.add(work);
        work.onComplete(done -> inFlight.remove(work));
        return work;
    }

    /** The alert in a message, or null after failing the message (a bug upstream: said loudly, consuming goes on). */
    private static Alert read(Message<String> message) {
        Alert alert;
        try {
            alert = Json.read(message.body(), Alert.class);
        } catch (RuntimeException e) {
            LOG.error("unreadable alert dropped [address: {}]", message.address());
            message.fail(400, "unreadable alert");
            return null;
        }
        if (alert.alertId() == null || alert.rule() == null || alert.deviceId() == null || alert.at() == null) {
            LOG.error("incomplete alert dropped [alert: {}, device: {}, rule: {}]", alert.alertId(), alert.deviceId(),
                    alert.rule());
            message.fail(400, "incomplete alert");
            return null;
        }
        return alert;
    }
}
