package org.shouwang.care;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link CareRounds} every {@link CareConfig#tick()} on a worker thread of its own (the rounds query the
 * database and send SMS), one tick at a time: a slow one makes the next wait, not pile up. With
 * {@link CareConfig#enabled()} false it deploys and does nothing.
 */
public final class CareVerticle extends AbstractVerticle {

    static final String WORKER_POOL_NAME = "shouwang-care";
    private static final Logger LOG = LoggerFactory.getLogger(CareVerticle.class);

    private final CareRounds rounds;
    private final CareConfig config;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private WorkerExecutor workers;
    private Long timer;

    public CareVerticle(CareRounds rounds, CareConfig config) {
        this.rounds = Objects.requireNonNull(rounds, "rounds");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void start(Promise<Void> startPromise) {
        Future.succeededFuture()
                .onSuccess(v -> {
                    if (!config.enabled()) {
                        LOG.info("care rounds disabled (care.enabled = false)");
                        return;
                    }
                    workers = vertx.createSharedWorkerExecutor(WORKER_POOL_NAME, 1);
                    timer = vertx.setPeriodic(1, config.tick().toMillis(), id -> tick());
                    LOG.info("care verticle started [tick: {}, reminders: {}, digest: {}]", config.tick(),
                            config.reminderAt(), config.digestAt());
                })
                .onFailure(cause -> release())
                .<Void>mapEmpty()
                .onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        release().onComplete(stopPromise);
    }

    /** Closes whatever is still open; a second call finds nothing left. */
    private Future<Void> release() {
        if (timer != null) {
            vertx.cancelTimer(timer);
            timer = null;
        }
        WorkerExecutor w = workers;
        workers = null;
        if (w == null) {
            return Future.succeededFuture();
        }
        LOG.info("care verticle stopped");
        return w.close();
    }

    private void tick() {
        WorkerExecutor w = workers;
        if (w == null || !ticking.compareAndSet(false, true)) {
            return;
        }
        w.executeBlocking(rounds::tick, false)
                .onSuccess(t -> LOG.debug("care tick [reminders: {}, digests: {}, cases: {}, sent: {}]", t.reminders(),
                        t.digests(), t.cases(), t.sent()))
                .onFailure(cause -> LOG.error("care tick failed, trying again next tick", cause))
                .onComplete(done -> ticking.set(false));
    }
}
