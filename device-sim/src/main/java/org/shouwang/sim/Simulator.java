package org.shouwang.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouwang.model.WaterInterval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small fleet for the demo: connects the meter and button of every home, makes each meter report
 * every {@code reportEvery} with the water a home would use at that hour, and presses a button on
 * request. Use is drawn from one random source per meter derived from the seed, so the same seed and
 * clock give the same readings.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final int CONNECT_THREADS = 16;

    private final String brokerUrl;
    private final List<Home> homes;
    private final long seed;
    private final Clock clock;
    private final Duration reportEvery;
    private final Map<String, WaterMeter> meters = new LinkedHashMap<>();
    private final Map<String, CallButton> buttons = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    public Simulator(String brokerUrl, List<Home> homes, long seed, Clock clock, Duration reportEvery) {
        if (reportEvery.isNegative() || reportEvery.isZero()) {
            throw new IllegalArgumentException("reportEvery must be positive");
        }
        this.brokerUrl = brokerUrl;
        this.homes = List.copyOf(homes);
        this.seed = seed;
        this.clock = clock;
        this.reportEvery = reportEvery;
    }

    /** Connects every device and starts the meters' reports, staggered so they do not all send at once. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(2, daemonThreads());
        for (Home home : homes) {
            meters.put(home.meterId(), new WaterMeter(brokerUrl, home.meterId(), null, clock, 0));
            buttons.put(home.buttonId(), new CallButton(brokerUrl, home.buttonId(), clock));
        }
        connectAll();
        meters.values().forEach(this::scheduleReports);
        LOG.info("simulator started [homes: {}, report every: {}, seed: {}]", homes.size(), reportEvery, seed);
    }

    /** Paho 1.2.5 spends a few hundred milliseconds in each connect, so a fleet connects in parallel. */
    private void connectAll() {
        List<SimulatedDevice> all = devices();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONNECT_THREADS, Math.max(1, all.size())),
                daemonThreads());
        try {
            CompletableFuture.allOf(all.stream()
                    .map(d -> CompletableFuture.runAsync(d::connect, pool))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdown();
        }
    }

    /** Presses the button after {@code delay}; the future completes with the message id sent. */
    public CompletableFuture<String> scheduleButtonPress(String buttonId, Duration delay) {
        CallButton button = button(buttonId);
        CompletableFuture<String> sent = new CompletableFuture<>();
        scheduler().schedule(() -> {
            try {
                sent.complete(button.press());
                LOG.info("simulated button press [device: {}]", buttonId);
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return sent;
    }

    public synchronized WaterMeter meter(String meterId) {
        WaterMeter meter = meters.get(meterId);
        if (meter == null) {
            throw new IllegalArgumentException("no simulated meter " + meterId + " (is the simulator started?)");
        }
        return meter;
    }

    public synchronized CallButton button(String buttonId) {
        CallButton button = buttons.get(buttonId);
        if (button == null) {
            throw new IllegalArgumentException("no simulated button " + buttonId + " (is the simulator started?)");
        }
        return button;
    }

    public List<Home> homes() {
        return homes;
    }

    /** Stops the reports and takes every device offline (retained {@code offline}); it can then start again. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        devices().forEach(SimulatedDevice::close);
        meters.clear();
        buttons.clear();
        scheduler = null;
        LOG.info("simulator stopped [homes: {}]", homes.size());
    }

    private void scheduleReports(WaterMeter meter) {
        Random random = new Random(seed * 31 + meter.deviceId().hashCode());
        UsageProfile profile = new UsageProfile(0.6 + random.nextDouble() * 0.8);
        long periodMs = reportEvery.toMillis();
        long firstDelayMs = (long) (random.nextDouble() * periodMs);
        Instant[] lastReport = {clock.instant()};
        scheduler.scheduleAtFixedRate(() -> {
            // A throwing task would silently stop repeating: a meter keeps trying, as real ones do.
            try {
                lastReport[0] = report(meter, profile, random, lastReport[0]);
            } catch (RuntimeException e) {
                LOG.warn("simulated report failed [device: {}, reason: {}]", meter.deviceId(), e.getMessage());
            }
        }, firstDelayMs, periodMs, TimeUnit.MILLISECONDS);
    }

    private Instant report(WaterMeter meter, UsageProfile profile, Random random, Instant since) {
        Instant now = clock.instant();
        List<WaterInterval> intervals = now.isAfter(since)
                ? List.of(new WaterInterval(since, now, profile.liters(since, now, random)))
                : List.of();
        meter.report(intervals, profile.flowLpm(now, random));
        return now.isAfter(since) ? now : since;
    }

    private List<SimulatedDevice> devices() {
        List<SimulatedDevice> all = new ArrayList<>(meters.values());
        all.addAll(buttons.values());
        return all;
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            throw new IllegalStateException("simulator not started");
        }
        return scheduler;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "shouwang-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
