package org.shouwang.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.shouwang.db.QuarantinedMessage;
import org.shouwang.db.StoreFailures;
import org.shouwang.db.TelemetryBatch;
import org.shouwang.db.TelemetryStore;
import org.shouwang.db.TelemetryWriteResult;
import org.shouwang.model.DeviceEvent;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.RejectReason;
import org.shouwang.model.SafeText;
import org.shouwang.model.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread between the MQTT client and the database (one for readings, one for presses, alarms and statuses):
 * takes up to a batch of messages, writes them in one transaction, and only after the commit acknowledges every one of them to the broker and publishes
 * the new ones. A failed write is retried with backoff and nothing is acknowledged meanwhile, so the
 * broker keeps (and after a reconnect re-sends) what is not yet durable.
 */
final class BatchWriter implements Runnable {

    /** Sends the broker the acknowledgement of one message. */
    interface Acknowledger {
        void ack(PendingMessage message);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final long IDLE_POLL_MS = 200;
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final BlockingQueue<PendingMessage> queue;
    private final int batchSize;
    private final long batchDelayNanos;
    private final TelemetryStore store;
    private final DeviceDirectory directory;
    private final IngestMetrics metrics;
    private final Acknowledger acknowledger;
    private final Consumer<Announcement> publisher;
    /** How long the writer waits for one more message before it writes what it has. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final RejectionLog rejectionLog = new RejectionLog(System::nanoTime);
    private final String name;
    private volatile Thread thread;
    /** Events announced while their write was failing, until it commits (bounded by the queue's capacity). */
    private final Set<String> announcedAhead = ConcurrentHashMap.newKeySet();
    /** Orders "committed" against the watchdog's announcement, so nothing is announced ahead after its commit. */
    private final Object aheadLock = new Object();
    /** Announces a batch's events ahead when its write has not committed within {@link #ANNOUNCE_AHEAD_AFTER}. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shouwang-ingest-watchdog");
        t.setDaemon(true);
        return t;
    });
    static final Duration ANNOUNCE_AHEAD_AFTER = Duration.ofSeconds(1);
    /** System.nanoTime() of the first failure of the write being retried; 0 while writes commit. */
    private volatile long failingSince;

    BatchWriter(String name, BlockingQueue<PendingMessage> queue, IngestConfig config, TelemetryStore store,
                DeviceDirectory directory, IngestMetrics metrics, Acknowledger acknowledger,
                Consumer<Announcement> publisher) {
        this.name = name;
        this.queue = queue;
        this.batchSize = config.batchSize();
        this.batchDelayNanos = config.batchDelay().toNanos();
        this.store = store;
        this.directory = directory;
        this.metrics = metrics;
        this.acknowledger = acknowledger;
        this.publisher = publisher;
    }

    synchronized void start() {
        thread = new Thread(this, name);
        thread.start();
    }

    /** Asks the writer to stop after the write in progress; true when it stopped within the timeout. */
    synchronized boolean stop(Duration timeout) throws InterruptedException {
        stopSignal.countDown();
        if (thread == null) {
            return true;
        }
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    @Override
    public void run() {
        List<PendingMessage> batch = new ArrayList<>(batchSize);
        try {
            while (!stopping()) {
                fill(batch);
                if (!batch.isEmpty()) {
                    writeUntilDurable(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What is still queued was never acknowledged: the broker re-sends it to the next session.
        rejectionLog.flush();
        watchdog.shutdownNow();
        LOG.info("ingest writer stopped [writer: {}, unwritten: {}]", name, batch.size() + queue.size());
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }

    /**
     * Waits for a first message, then takes more while they keep coming: up to the batch size, at most the
     * batch delay, and no longer than {@link #LINGER_NANOS} after the last one. The broker sends only so
     * many unacknowledged messages (its in-flight window) and acknowledgements wait for this commit, so
     * waiting the whole delay for a batch that cannot grow would only cap throughput at window / delay.
     */
    private void fill(List<PendingMessage> batch) throws InterruptedException {
        PendingMessage first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + batchDelayNanos;
        while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || left <= 0) {
                return;
            }
            PendingMessage next = queue.poll(Math.min(left, LINGER_NANOS), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /**
     * Writes the batch, retrying with backoff while the failure is transient (nothing is acknowledged meanwhile
     * and {@link #committing()} says no). When the database refuses the data itself, the batch is split in
     * halves until the one message it refuses is alone; that one is quarantined with its SQLSTATE and
     * acknowledged, and everything else is written. So one poison message costs a few extra transactions, never
     * the stream.
     */
    private void writeUntilDurable(List<PendingMessage> batch) throws InterruptedException {
        List<Inbound.Event> events = batch.stream().map(PendingMessage::inbound)
                .filter(Inbound.Event.class::isInstance).map(Inbound.Event.class::cast).toList();
        AtomicBoolean committed = new AtomicBoolean();
        // A database that hangs rather than refuses (a pool waiting for a connection) must not hold a press either.
        ScheduledFuture<?> ahead = events.isEmpty() ? null : watchdog.schedule(() -> announceEventsAhead(events,
                committed), ANNOUNCE_AHEAD_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        try {
            writeOrSetAside(batch, events, committed);
        } finally {
            if (ahead != null) {
                ahead.cancel(false);
            }
        }
    }

    private void writeOrSetAside(List<PendingMessage> batch, List<Inbound.Event> events, AtomicBoolean committed)
            throws InterruptedException {
        long backoff = MIN_BACKOFF_MS;
        while (!stopping()) {
            RuntimeException failure;
            Sorted sorted = null;
            try {
                sorted = sort(batch);
                long writing = System.nanoTime();
                TelemetryWriteResult result = store.write(sorted.batch());
                long commitNanos = System.nanoTime() - writing;
                synchronized (aheadLock) {
                    committed.set(true); // from here on the watchdog announces nothing of this batch
                }
                failingSince = 0;
                afterCommit(batch, sorted, result, commitNanos);
                sorted.batch().events().forEach(e -> announcedAhead.remove(key(e)));
                return;
            } catch (RuntimeException e) {
                failure = e;
            }
            metrics.countWriteFailure();
            String state = StoreFailures.sqlState(failure);
            // Only the write itself can be refused for its data: reading the registry (sort) failing is the
            // installation's trouble, as is a quarantine row failing in our own code; both are retried.
            boolean refused = sorted != null && StoreFailures.classify(failure) == StoreFailures.Kind.DATA_REFUSED
                    && !(state == null && batch.size() == 1 && batch.get(0).inbound() instanceof Inbound.Rejected);
            if (refused) {
                LOG.warn("batch refused by the database, splitting it [messages: {}, sqlstate: {}, error: {}]",
                        batch.size(), state, failure.getClass().getSimpleName());
                setAside(batch, failure);
                return;
            }
            if (failingSince == 0) {
                failingSince = System.nanoTime();
            }
            announceEventsAhead(events, committed);
            LOG.warn("batch not written, not acknowledged, will retry [messages: {}, retry in: {} ms, sqlstate: {}, error: {}]",
                    batch.size(), backoff, state, failure.getClass().getSimpleName());
            LOG.debug("batch write failure", failure);
            if (stopSignal.await(backoff, TimeUnit.MILLISECONDS)) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private void setAside(List<PendingMessage> batch, RuntimeException refusal) throws InterruptedException {
        if (batch.size() > 1) {
            int half = batch.size() / 2;
            writeUntilDurable(new ArrayList<>(batch.subList(0, half)));
            writeUntilDurable(new ArrayList<>(batch.subList(half, batch.size())));
            return;
        }
        PendingMessage m = batch.get(0);
        if (m.inbound() instanceof Inbound.Rejected) {
            // Not even its quarantine row can be stored (the row is sanitised, so this is a bug): acknowledging it is
            // the only way to let the stream go on; it is logged and counted, never silent.
            metrics.countDropped();
            LOG.error("message could not be stored nor quarantined, acknowledged and dropped [topic: {}, error: {}]",
                    SafeText.printable(m.topic(), 128), refusal.getClass().getSimpleName());
            acknowledger.ack(m);
            return;
        }
        String state = StoreFailures.sqlState(refusal);
        String why = refusal.getMessage() == null ? "" : refusal.getMessage().lines().findFirst().orElse("");
        QuarantinedMessage q = new QuarantinedMessage(m.topic(), m.inbound().deviceId(), RejectReason.STORE_REFUSED,
                (state == null ? refusal.getClass().getSimpleName() : "sqlstate " + state) + ": " + why, m.payload());
        writeUntilDurable(List.of(new PendingMessage(m.topic(), m.payload(), m.mqttId(), m.qos(), m.connection(),
                new Inbound.Rejected(q))));
    }

    /**
     * While the database cannot take a batch, its presses and meter alarms are announced at once from memory,
     * once each, so that the rules and the notifier can page within seconds instead of waiting for the
     * database (issue 9.10). They stay un-acknowledged until written; after the commit they are announced again
     * like every event, and the alert id (device and message id) makes that repeat page nobody. Only devices
     * the directory already knows are announced: looking one up would need the database.
     */
    private void announceEventsAhead(List<Inbound.Event> events, AtomicBoolean committed) {
        List<DeviceEvent> ahead = new ArrayList<>();
        synchronized (aheadLock) {
            if (committed.get()) {
                return; // committed meanwhile: the commit announces them
            }
            for (Inbound.Event e : events) {
                if (directory.cachedKindOf(e.deviceId()).filter(k -> fits(k, e)).isPresent()
                        && announcedAhead.add(key(e.event()))) {
                    ahead.add(e.event());
                }
            }
        }
        if (ahead.isEmpty()) {
            return;
        }
        LOG.warn("database unavailable, device events announced before they are durable [events: {}]", ahead.size());
        metrics.countAnnouncedAhead(ahead.size());
        try {
            publisher.accept(new Announcement(List.of(), ahead, List.of()));
        } catch (RuntimeException e) {
            LOG.warn("device events not announced ahead [events: {}, error: {}]", ahead.size(), e.toString());
        }
    }

    private static String key(DeviceEvent e) {
        return e.deviceId() + "\u0000" + e.msgId();
    }

    /** False while the last write failed and is being retried, or when the writer thread is gone: not ready. */
    boolean committing() {
        Thread t = thread;
        return failingSince == 0 && (t == null || t.isAlive());
    }

    /**
     * What goes on the event bus after a commit: new readings, and every device event of the batch, copies
     * included. A copy of an event is announced again because the process may have died between the commit
     * and the announcement of the first copy; the broker then re-sends it (it was never acknowledged) and
     * this is the only chance to raise the alarm. Rules and notifier recognise a repeat by its alert id, so
     * nobody is paged twice. Readings are not re-announced: counted twice they would hide a silent home, and
     * rule state is rebuilt from the database instead. Status changes (online, offline, the Will) are announced
     * as they come: the rules tell a silent button by its standing offline status.
     */
    record Announcement(List<Telemetry> telemetry, List<DeviceEvent> events,
                        List<TelemetryBatch.StatusChange> statuses) {
    }

    private static List<DeviceEvent> eventsToAnnounce(List<DeviceEvent> events) {
        Map<String, DeviceEvent> distinct = new LinkedHashMap<>();
        events.forEach(e -> distinct.putIfAbsent(e.deviceId() + "\u0000" + e.msgId(), e));
        return List.copyOf(distinct.values());
    }

    /** A batch split by what its messages are, with unregistered devices' data moved to quarantine. */
    private record Sorted(TelemetryBatch batch, int ignored) {
    }

    private Sorted sort(List<PendingMessage> batch) {
        directory.beginBatch();
        List<Telemetry> telemetry = new ArrayList<>();
        List<DeviceEvent> events = new ArrayList<>();
        List<QuarantinedMessage> quarantined = new ArrayList<>();
        List<TelemetryBatch.StatusChange> statuses = new ArrayList<>();
        int ignored = 0;
        for (PendingMessage m : batch) {
            Inbound in = m.inbound();
            if (in instanceof Inbound.Rejected r) {
                quarantined.add(r.message());
                continue;
            }
            if (in instanceof Inbound.Ignored) {
                ignored++;
                continue;
            }
            DeviceKind kind = directory.kindOf(in.deviceId()).orElse(null);
            if (kind == null && in instanceof Inbound.Status) {
                ignored++; // a status carries no data: an unregistered device's is not worth a quarantine row
            } else if (kind == null) {
                quarantined.add(new QuarantinedMessage(m.topic(), in.deviceId(), RejectReason.UNKNOWN_DEVICE,
                        "device is not registered or not active", m.payload()));
            } else if (!fits(kind, in)) {
                quarantined.add(new QuarantinedMessage(m.topic(), in.deviceId(), RejectReason.WRONG_DEVICE_KIND,
                        "a " + kind + " does not send this", m.payload()));
            } else if (in instanceof Inbound.Reading r) {
                telemetry.add(r.telemetry());
            } else if (in instanceof Inbound.Event e) {
                events.add(e.event());
            } else if (in instanceof Inbound.Status s) {
                statuses.add(new TelemetryBatch.StatusChange(s.deviceId(), s.online()));
            }
        }
        return new Sorted(new TelemetryBatch(telemetry, events, quarantined, statuses), ignored);
    }

    /** Meters send readings and meter alarms, buttons send button events; either sends its status. */
    static boolean fits(DeviceKind kind, Inbound in) {
        if (in instanceof Inbound.Reading) {
            return kind == DeviceKind.WATER_METER;
        }
        if (in instanceof Inbound.Event e) {
            return e.event().kind() == DeviceEvent.Kind.BUTTON ? kind == DeviceKind.CALL_BUTTON
                    : kind == DeviceKind.WATER_METER;
        }
        return true;
    }

    private void afterCommit(List<PendingMessage> batch, Sorted sorted, TelemetryWriteResult result, long commitNanos) {
        batch.forEach(acknowledger::ack);
        metrics.batchCommitted(result.accepted(), result.duplicates(), sorted.batch().statuses().size(), sorted.ignored(),
                commitNanos);
        for (QuarantinedMessage q : sorted.batch().quarantined()) {
            metrics.countRejected(q.reason());
            rejectionLog.record(q.reason());
            LOG.debug("message quarantined [device: {}, reason: {}, detail: {}]", q.deviceId(), q.reason(), q.detail());
        }
        LOG.debug("batch written [accepted: {}, duplicates: {}, rejected: {}, statuses: {}]", result.accepted(),
                result.duplicates(), sorted.batch().quarantined().size(), sorted.batch().statuses().size());
        try {
            publisher.accept(new Announcement(result.newTelemetry(), eventsToAnnounce(sorted.batch().events()),
                    sorted.batch().statuses()));
        } catch (RuntimeException e) {
            LOG.warn("accepted messages not published on the event bus [messages: {}, error: {}]",
                    result.accepted(), e.toString());
        }
    }
}
