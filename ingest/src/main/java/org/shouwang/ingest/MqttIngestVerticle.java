package org.shouwang.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.TelemetryStore;
import org.shouwang.model.Addresses;
import org.shouwang.model.Device;
import org.shouwang.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device messages from the broker into the database and onto the event bus. Paho's callback thread
 * only reads and validates a message and hands it to a bounded queue (blocking when it is full, which holds
 * the broker back); a {@link BatchWriter} thread writes batches and acknowledges each message to the broker
 * only once it is durable (manual acks, persistent session), then publishes the new ones on
 * {@link Addresses#TELEMETRY_ACCEPTED} and {@link Addresses#EVENT_ACCEPTED}.
 *
 * <p>Presses apart (issue 15): device events and statuses come in on their own MQTT session, wait in their own
 * queue and are written by their own writer through their own database connections, so a press never waits
 * behind a batch of readings, nor behind a readings batch the database keeps refusing for now.
 */
public final class MqttIngestVerticle extends AbstractVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestVerticle.class);
    private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final IngestConfig config;
    private final TelemetryStore store;
    private final RegistryStore registry;
    private final TelemetryStore eventStore;
    private final RegistryStore eventRegistry;
    private final MessageClassifier classifier;
    private final Clock clock;
    private final IngestMetrics metrics;
    /** Meter readings, waiting for their writer: one queue per readings' writer, a meter always in the same. */
    private final List<BlockingQueue<PendingMessage>> queues;
    /** Presses, meter alarms and statuses, waiting for their own writer. */
    private final BlockingQueue<PendingMessage> eventQueue;
    /** Meter readings: the bulk of the traffic. */
    private final BrokerConnection readings;
    /** Button presses, meter alarms and statuses, on their own session so they never queue behind readings. */
    private final BrokerConnection alarms;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean queueFull = new AtomicBoolean();
    private volatile boolean stopping;
    private final List<BatchWriter> writers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile BatchWriter eventWriter;
    private volatile AcceptedAnnouncer announcer;

    /**
     * @param clock  the platform clock that device timestamps are checked against
     * @param meters where {@link IngestMetrics} and the queue depth gauge report
     */
    public MqttIngestVerticle(IngestConfig config, TelemetryStore store, RegistryStore registry, Clock clock,
                              MeterRegistry meters) {
        this(config, store, registry, store, registry, clock, meters);
    }

    /**
     * As above, the presses' writer using {@code eventStore} and {@code eventRegistry}: over a connection pool of
     * their own, so a press never waits for a connection the readings hold.
     */
    public MqttIngestVerticle(IngestConfig config, TelemetryStore store, RegistryStore registry,
                              TelemetryStore eventStore, RegistryStore eventRegistry, Clock clock,
                              MeterRegistry meters) {
        this.config = config;
        this.metrics = new IngestMetrics(meters);
        this.store = store;
        this.registry = registry;
        this.eventStore = eventStore;
        this.eventRegistry = eventRegistry;
        this.classifier = new MessageClassifier(config.limits(), clock);
        this.clock = clock;
        List<BlockingQueue<PendingMessage>> readingQueues = new ArrayList<>();
        for (int i = 0; i < config.writers(); i++) {
            readingQueues.add(new ArrayBlockingQueue<>(config.queueCapacity() / config.writers()));
        }
        this.queues = List.copyOf(readingQueues);
        this.eventQueue = new ArrayBlockingQueue<>(config.queueCapacity());
        Gauge.builder(IngestMetrics.PREFIX + "queue.depth", this, MqttIngestVerticle::queueDepth)
                .description("Messages received and not yet written").register(meters);
        Gauge.builder(IngestMetrics.PREFIX + "events.queue.depth", eventQueue, BlockingQueue::size)
                .description("Presses, meter alarms and statuses received and not yet written").register(meters);
        AtomicLong connectionNumbers = new AtomicLong();
        List<String> readingFilters = config.subscriptionFilters(Topics.Channel.TELEMETRY);
        List<String> alarmFilters = config.subscriptionFilters(Topics.Channel.EVENT, Topics.Channel.STATUS);
        List<String> notForReadings = new ArrayList<>(alarmFilters);
        notForReadings.addAll(config.otherModeFilters(Topics.Channel.values()));
        List<String> notForAlarms = new ArrayList<>(readingFilters);
        notForAlarms.addAll(config.otherModeFilters(Topics.Channel.values()));
        this.readings = new BrokerConnection(config, config.clientId(), readingFilters, notForReadings,
                connectionNumbers, metrics, (topic, message, connection) -> onMessage(null, topic, message,
                connection));
        this.alarms = new BrokerConnection(config, config.alarmClientId(), alarmFilters, notForAlarms,
                connectionNumbers, metrics, (topic, message, connection) -> onMessage(eventQueue, topic, message,
                connection));
    }

    @Override
    public void start(Promise<Void> startPromise) {
        // Each writer thread keeps its own directory: a directory is used by one thread only.
        List<DeviceDirectory> directories = new ArrayList<>();
        queues.forEach(q -> directories.add(directory(registry)));
        DeviceDirectory eventDirectory = directory(eventRegistry);
        DeviceDirectory directory = directories.get(0);
        announcer = new AcceptedAnnouncer(vertx.eventBus(), clock);
        vertx.executeBlocking(() -> {
                    for (DeviceDirectory d : directories) {
                        d.reload();
                    }
                    eventDirectory.reload();
                    return null;
                })
                .compose(v -> {
                    eventWriter = new BatchWriter("shouwang-ingest-events-writer", eventQueue, config, eventStore,
                            eventDirectory, metrics, this::ack, this::publish);
                    eventWriter.start();
                    for (int i = 0; i < queues.size(); i++) {
                        BatchWriter w = new BatchWriter("shouwang-ingest-writer-" + (i + 1), queues.get(i), config,
                                store, directories.get(i), metrics, this::ack, this::publish);
                        writers.add(w);
                        w.start();
                    }
                    return alarms.open(context).compose(opened -> readings.open(context));
                })
                .onSuccess(v -> LOG.info("ingest started [broker: {}, client: {}, shared group: {}, devices: {}]",
                        config.brokerUrl(), config.clientId(), config.sharedGroup(), directory.size()))
                // Vert.x does not call stop() after a failed start: close what was opened, then report it.
                .recover(e -> {
                    LOG.warn("ingest did not start [reason: {}]", e.getMessage());
                    return vertx.executeBlocking(() -> {
                        shutdown();
                        return null;
                    }).transform(closed -> Future.<Void>failedFuture(e));
                })
                .onComplete(startPromise);
    }

    /** Each writer keeps its own: the directory is used by one thread only. */
    private static DeviceDirectory directory(RegistryStore registry) {
        return new DeviceDirectory(registry::activeDeviceKinds,
                id -> registry.findDevice(id).filter(Device::active).map(Device::kind), System::nanoTime);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        vertx.executeBlocking(() -> {
            shutdown();
            return null;
        }).<Void>mapEmpty().onComplete(stopPromise);
    }

    /** True while ingest holds a connection to the broker; for {@code /health}. */
    public boolean connected() {
        return readings.connected() && alarms.connected();
    }

    /**
     * False while the writer cannot commit (the database is down or refusing): ingest is then not ready, because
     * nothing it receives becomes durable or is announced. For the readiness check.
     */
    public boolean writerCommitting() {
        BatchWriter e = eventWriter;
        return !writers.isEmpty() && writers.stream().allMatch(BatchWriter::committing) && e != null
                && e.committing();
    }

    /** False while the presses' writer cannot commit; it goes on while the readings' writer retries. */
    public boolean eventWriterCommitting() {
        BatchWriter e = eventWriter;
        return e != null && e.committing();
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** Messages received and not yet written. */
    public int queueDepth() {
        return queues.stream().mapToInt(BlockingQueue::size).sum() + eventQueue.size();
    }

    /** Runs on Paho's callback thread: read, validate, queue. Never touches the database, never throws. */
    private void onMessage(BlockingQueue<PendingMessage> to, String topic, MqttMessage message, long connection) {
        metrics.countReceived(message.isDuplicate());
        byte[] payload = message.getPayload();
        PendingMessage pending = new PendingMessage(topic, payload, message.getId(), message.getQos(), connection,
                classifier.classify(topic, payload));
        BlockingQueue<PendingMessage> queue = to != null ? to : readingQueue(pending.inbound().deviceId());
        LOG.debug("message received [topic: {}, mqtt id: {}, dup: {}]", topic, message.getId(), message.isDuplicate());
        try {
            while (!queue.offer(pending, 100, TimeUnit.MILLISECONDS)) {
                if (stopping) {
                    return; // not acknowledged: the broker re-sends it to the next session
                }
                if (queueFull.compareAndSet(false, true)) {
                    LOG.warn("ingest queue full, holding back the broker [capacity: {}]", config.queueCapacity());
                }
            }
            queueFull.set(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A meter's readings always wait in the same queue, so one writer writes and announces them in order. */
    private BlockingQueue<PendingMessage> readingQueue(String deviceId) {
        return queues.get(deviceId == null ? 0 : Math.floorMod(deviceId.hashCode(), queues.size()));
    }

    /** Acknowledges on the session and connection the message came in on; otherwise the broker re-sends it. */
    private void ack(PendingMessage m) {
        if (readings.receivedOnCurrent(m)) {
            readings.ack(m);
        } else {
            alarms.ack(m); // counts the ack as skipped when the message's connection is gone
        }
    }

    /** Called by the writer after commit; the event bus may be used from any thread. */
    private void publish(BatchWriter.Announcement announcement) {
        announcer.announce(announcement.telemetry(), announcement.events(), announcement.statuses());
    }

    /** Closes what start opened, in an order that acknowledges nothing that is not durable. Idempotent. */
    private void shutdown() throws InterruptedException {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        // Disconnect first: whatever the writer has not committed stays un-acknowledged and the broker re-sends it.
        alarms.close();
        readings.close();
        List<BatchWriter> all = new ArrayList<>(writers);
        all.add(eventWriter);
        for (BatchWriter w : all) {
            if (w != null && !w.stop(WRITER_STOP_TIMEOUT)) {
                LOG.warn("ingest writer still busy after {} s; its batch stays un-acknowledged",
                        WRITER_STOP_TIMEOUT.toSeconds());
            }
        }
        LOG.info("ingest stopped [{}]", metrics);
    }
}
