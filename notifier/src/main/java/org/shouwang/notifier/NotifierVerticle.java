package org.shouwang.notifier;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Objects;
import org.shouwang.model.Addresses;
import org.shouwang.model.Alert;
import org.shouwang.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link IncidentService} on the event bus: alerts in on {@link Addresses#ALERT_RAISED}, every
 * incident change out on {@link Addresses#INCIDENT_CHANGED}. Alerts are handled on a worker pool of its
 * own, concurrently (the stores keep one incident per elder and rule, the outbox one page per key), so a
 * slow provider for one elder does not hold up another elder's page. On start it resumes the pages a
 * crash left pending.
 */
public final class NotifierVerticle extends AbstractVerticle {

    public static final int DEFAULT_WORKER_POOL_SIZE = 4;
    static final String WORKER_POOL_NAME = "shouwang-notifier";

    private static final Logger LOG = LoggerFactory.getLogger(NotifierVerticle.class);

    private final IncidentService service;
    private final IncidentChanges changes;
    private final int workerPoolSize;

    private WorkerExecutor workers;
    private MessageConsumer<String> alerts;
    private Runnable unsubscribe;

    /**
     * @param changes the {@link IncidentChanges} the service (and the console's {@link IncidentCommands})
     *                announce to; all of them are published on the event bus
     */
    public NotifierVerticle(IncidentService service, IncidentChanges changes) {
        this(service, changes, DEFAULT_WORKER_POOL_SIZE);
    }

    public NotifierVerticle(IncidentService service, IncidentChanges changes, int workerPoolSize) {
        this.service = Objects.requireNonNull(service, "service");
        this.changes = Objects.requireNonNull(changes, "changes");
        if (workerPoolSize < 1) {
            throw new IllegalArgumentException("notifier worker pool size must be at least 1, was " + workerPoolSize);
        }
        this.workerPoolSize = workerPoolSize;
    }

    @Override
    public void start(Promise<Void> startPromise) {
        workers = vertx.createSharedWorkerExecutor(WORKER_POOL_NAME, workerPoolSize);
        unsubscribe = changes.subscribe(change ->
                vertx.eventBus().publish(Addresses.INCIDENT_CHANGED, Json.write(change)));
        alerts = vertx.eventBus().consumer(Addresses.ALERT_RAISED, this::onAlert);
        alerts.completion()
                .onSuccess(registered -> {
                    LOG.info("notifier verticle started [workers: {}]", workerPoolSize);
                    // Listening already, so no alert is missed while a long backlog is resumed.
                    workers.executeBlocking(service::resumePending, false)
                            .onFailure(cause -> LOG.error("pending pages not resumed", cause));
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
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        Future<Void> unregistered = Future.succeededFuture();
        if (alerts != null) {
            unregistered = alerts.unregister();
            alerts = null;
        }
        return unregistered.eventually(() -> {
            if (workers == null) {
                return Future.succeededFuture();
            }
            WorkerExecutor closing = workers;
            workers = null;
            LOG.info("notifier verticle stopped");
            return closing.close();
        });
    }

    private void onAlert(Message<String> message) {
        Alert alert;
        try {
            alert = Json.read(message.body(), Alert.class);
        } catch (RuntimeException e) {
            // The rules publish well-formed alerts, so this is a bug upstream; say so loudly, keep consuming.
            LOG.error("unreadable alert dropped [address: {}]", message.address());
            message.fail(400, "unreadable alert");
            return;
        }
        if (alert.alertId() == null || alert.rule() == null || alert.deviceId() == null || alert.at() == null) {
            LOG.error("incomplete alert dropped [alert: {}, device: {}, rule: {}]", alert.alertId(), alert.deviceId(),
                    alert.rule());
            message.fail(400, "incomplete alert");
            return;
        }
        workers.executeBlocking(() -> service.handle(alert), false)
                .onSuccess(recording -> message.reply(recording.map(r -> r.outcome().name()).orElse("NO_ELDER")))
                .onFailure(cause -> {
                    LOG.error("alert not handled [alert: {}, device: {}, rule: {}]", alert.alertId(),
                            alert.deviceId(), alert.rule(), cause);
                    message.fail(500, "alert not handled");
                });
    }
}
