package org.shouwang.notifier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.shouwang.db.IncidentStore;
import org.shouwang.db.NotificationStore;
import org.shouwang.model.IncidentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches whether pages leave: every {@code every} it reads, on a worker of its own (apart from the notifier's,
 * so a stuck sender cannot stop the watch), when the oldest due and unsent page fell due and how many incidents
 * are open and acknowledged. Gauges {@code shouwang.outbox.oldest.due} (seconds, 0 when none) and
 * {@code shouwang.incidents} by state; {@link #problem()} for readiness: down when a due page waited over
 * {@link #MAX_OVERDUE}, or when the outbox could not be read for as long.
 */
public final class OutboxWatch extends AbstractVerticle {

    /** Cheap (pending rows only) and well inside {@link #MAX_OVERDUE}. */
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(15);
    /** A press pages within seconds; a due page still unsent after a minute means paging has stopped. */
    static final Duration MAX_OVERDUE = Duration.ofSeconds(60);
    /** Not knowing for this long is as bad as knowing the worst. */
    static final Duration MAX_UNREAD = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWatch.class);

    private final NotificationStore outbox;
    private final IncidentStore incidents;
    private final Clock clock;
    private final Duration every;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Instant oldestDue;
    private volatile long readAtNanos = System.nanoTime();
    private WorkerExecutor worker;
    private long timer = -1;

    public OutboxWatch(NotificationStore outbox, IncidentStore incidents, Clock clock, Duration every,
                       MeterRegistry registry) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (every == null || every.toMillis() < 10) {
            throw new IllegalArgumentException("the outbox watch needs a period of at least 10 ms, was " + every);
        }
        this.every = every;
        Gauge.builder("shouwang.outbox.oldest.due", this, w -> w.oldestDueAge().toMillis() / 1000.0).baseUnit("seconds")
                .description("How long the oldest due, unsent page has waited (0 when none)").register(registry);
        Gauge.builder("shouwang.incidents", open, AtomicLong::get).tag("state", "open")
                .description("Incidents by state (resolved ones not counted)").register(registry);
        Gauge.builder("shouwang.incidents", acknowledged, AtomicLong::get).tag("state", "acknowledged")
                .description("Incidents by state (resolved ones not counted)").register(registry);
    }

    @Override
    public void start(Promise<Void> startPromise) {
        Future.<Void>succeededFuture()
                .onSuccess(v -> {
                    worker = vertx.createSharedWorkerExecutor("shouwang-outbox-watch", 1);
                    readAtNanos = System.nanoTime();
                    // Not waited for: a database that hangs must not hold up the start.
                    read();
                    timer = vertx.setPeriodic(every.toMillis(), id -> read());
                    LOG.info("outbox watch started [every: {}]", every);
                })
                .onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        WorkerExecutor w = worker;
        worker = null;
        (w == null ? Future.<Void>succeededFuture() : w.close()).onComplete(stopPromise);
    }

    /** One read at a time: a slow database makes the next wait instead of piling up connections. */
    private void read() {
        WorkerExecutor w = worker;
        if (w == null || !reading.compareAndSet(false, true)) {
            return;
        }
        w.executeBlocking(() -> {
            oldestDue = outbox.oldestDueUnsent(clock.instant()).orElse(null);
            Map<IncidentState, Long> counts = incidents.countUnresolved();
            open.set(counts.getOrDefault(IncidentState.OPEN, 0L));
            acknowledged.set(counts.getOrDefault(IncidentState.ACKNOWLEDGED, 0L));
            readAtNanos = System.nanoTime();
            return null;
        }, false).onFailure(e -> LOG.warn("outbox not read [reason: {}]", e.getMessage()))
                .onComplete(done -> reading.set(false));
    }

    /** How long the oldest due, unsent page has waited as of the last read; zero when none was due. */
    public Duration oldestDueAge() {
        Instant due = oldestDue;
        if (due == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(due, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Null while due pages leave; else why the notifier counts as not ready. */
    public String problem() {
        return problem(oldestDueAge(), Duration.ofNanos(System.nanoTime() - readAtNanos));
    }

    /**
     * @param overdue  how long the oldest due, unsent page has waited (zero when none)
     * @param sinceRead how long since the outbox was last read (since start before the first read)
     */
    static String problem(Duration overdue, Duration sinceRead) {
        if (overdue.compareTo(MAX_OVERDUE) > 0) {
            return "最早一条待发通知已逾期 " + overdue.toSeconds() + " 秒未发出（上限 " + MAX_OVERDUE.toSeconds() + " 秒）";
        }
        if (sinceRead.compareTo(MAX_UNREAD) > 0) {
            return "已 " + sinceRead.toSeconds() + " 秒无法读取待发通知，不知通知是否发出";
        }
        return null;
    }
}
