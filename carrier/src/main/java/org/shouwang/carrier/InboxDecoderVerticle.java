package org.shouwang.carrier;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.shouwang.carrier.decode.Decoders;
import org.shouwang.carrier.onenet.OneNetCipher;
import org.shouwang.carrier.onenet.OneNetPush;
import org.shouwang.db.CarrierStore;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.TelemetryStore;
import org.shouwang.ingest.AcceptedAnnouncer;
import org.shouwang.model.Addresses;
import org.shouwang.model.PayloadLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the carrier inbox on a thread of its own: woken by {@link Addresses#CARRIER_INBOX_PENDING} (a push was
 * committed, a binding requeued parked pushes) and otherwise every {@code pollEvery}, it runs
 * {@link InboxDecoder} rounds until the inbox has nothing pending. A database failure is retried with backoff; what
 * was pending stays pending, so a restart decodes whatever the last run acknowledged and did not decode.
 */
public final class InboxDecoderVerticle extends AbstractVerticle {

    private static final Logger LOG = LoggerFactory.getLogger(InboxDecoderVerticle.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final CarrierConfig config;
    private final CarrierStore carrier;
    private final TelemetryStore telemetry;
    private final RegistryStore registry;
    private final Clock clock;
    private final CarrierMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean stopping;
    private Thread thread;
    private MessageConsumer<String> consumer;

    public InboxDecoderVerticle(CarrierConfig config, CarrierStore carrier, TelemetryStore telemetry,
                                RegistryStore registry, Clock clock, CarrierMetrics metrics) {
        this.config = config;
        this.carrier = carrier;
        this.telemetry = telemetry;
        this.registry = registry;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void start(Promise<Void> startPromise) {
        OneNetPush onenet = new OneNetPush(config.onenetAesKey() == null ? null : new OneNetCipher(config.onenetAesKey()));
        InboxDecoder decoder = new InboxDecoder(carrier, telemetry, registry, Decoders.standard(), onenet,
                PayloadLimits.DEFAULTS, clock, metrics, new AcceptedAnnouncer(vertx.eventBus(), clock));
        consumer = vertx.eventBus().consumer(Addresses.CARRIER_INBOX_PENDING, m -> wake.release());
        consumer.completion().onSuccess(v -> {
            thread = new Thread(() -> loop(decoder), "shouwang-carrier-decoder");
            thread.setDaemon(true);
            thread.start();
            LOG.info("carrier decoder started [batch: {}, poll every: {}]", config.decodeBatch(), config.pollEvery());
        }).onComplete(startPromise);
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        if (!stopped.compareAndSet(false, true)) {
            stopPromise.complete();
            return;
        }
        stopping = true;
        wake.release();
        MessageConsumer<String> c = consumer;
        vertx.executeBlocking(() -> {
            Thread t = thread;
            if (t != null) {
                t.join(10_000);
            }
            return null;
        }).compose(v -> c == null ? io.vertx.core.Future.<Void>succeededFuture() : c.unregister())
                .onComplete(stopPromise);
    }

    private void loop(InboxDecoder decoder) {
        long backoff = 100;
        while (!stopping) {
            try {
                int taken = decoder.runOnce(config.decodeBatch());
                backoff = 100;
                if (taken < config.decodeBatch()) {
                    wake.tryAcquire(config.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("carrier decoding failed, will retry [retry in: {} ms, error: {}]", backoff, e.toString());
                try {
                    wake.tryAcquire(backoff, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        LOG.info("carrier decoder stopped");
    }
}
