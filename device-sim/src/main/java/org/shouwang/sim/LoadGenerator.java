package org.shouwang.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives meters as fast as a target rate allows for a while and counts what the broker acknowledged:
 * the load half of a benchmark (the other half measures what the platform made durable). Each meter
 * publishes on its own thread and waits for its PUBACK, as a real device does, so the offered load is
 * bounded by the broker and the platform's acknowledgements, never by a send buffer.
 */
public final class LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    /** What was offered: messages acknowledged by the broker, failures, and the wall time taken. */
    public record Result(long published, long failed, Duration elapsed) {
        public double perSecond() {
            return elapsed.isZero() ? 0 : published * 1000.0 / elapsed.toMillis();
        }
    }

    private final String brokerUrl;
    private final List<String> meterIds;
    private final Clock clock;

    public LoadGenerator(String brokerUrl, List<String> meterIds, Clock clock) {
        if (meterIds.isEmpty()) {
            throw new IllegalArgumentException("a load needs at least one meter");
        }
        this.brokerUrl = brokerUrl;
        this.meterIds = List.copyOf(meterIds);
        this.clock = clock;
    }

    /**
     * Publishes readings from every meter for {@code duration}, at most {@code perMeterPerSecond} each
     * (0 = as fast as acknowledgements allow), calling {@code onStart} once every meter is connected, just before
     * the first reading: a benchmark in another process times its window from there, not from the connects.
     */
    public Result run(Duration duration, double perMeterPerSecond, Runnable onStart) throws InterruptedException {
        List<WaterMeter> meters = connectAll();
        onStart.run();
        AtomicLong published = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(meters.size());
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long gapNanos = perMeterPerSecond <= 0 ? 0 : (long) (1e9 / perMeterPerSecond);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (WaterMeter meter : meters) {
                running.add(pool.submit(() -> drive(meter, end, gapNanos, published, failed)));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warn("a load thread failed [error: {}]", e.getCause().toString());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            meters.forEach(WaterMeter::close);
        }
        return new Result(published.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static void drive(WaterMeter meter, long end, long gapNanos, AtomicLong published, AtomicLong failed) {
        long next = System.nanoTime();
        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            try {
                meter.reportUse(0.5, Duration.ofMinutes(1), 0.0);
                published.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
            if (gapNanos > 0) {
                next += gapNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }
    }

    private List<WaterMeter> connectAll() throws InterruptedException {
        ExecutorService connect = Executors.newFixedThreadPool(Math.min(16, meterIds.size()));
        List<Future<WaterMeter>> pending = new ArrayList<>();
        for (String id : meterIds) {
            pending.add(connect.submit(() -> {
                WaterMeter m = new WaterMeter(brokerUrl, id, clock);
                m.connect();
                return m;
            }));
        }
        List<WaterMeter> meters = new ArrayList<>();
        try {
            for (Future<WaterMeter> f : pending) {
                meters.add(f.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            meters.forEach(WaterMeter::close);
            throw new SimulatorException("load meters could not connect", e.getCause());
        } finally {
            connect.shutdown();
        }
        return meters;
    }
}
