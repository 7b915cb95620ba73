package org.shouwang.demo.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.shouwang.sim.CallButton;
import org.shouwang.standin.TwilioStubRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timed presses of a bench: one call button per pressing home, connected beforehand, each pressed once at its
 * moment of the load window, and each press matched with the first request the provider stand-in received for any
 * of its home's numbers. The press instant is taken just before the publish, in this JVM, which also runs the
 * stand-in: both ends of a latency are read from the same clock.
 */
public final class PressRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PressRun.class);

    private final List<BenchHomes.PressHome> homes;
    private final List<CallButton> buttons;
    private final AtomicReferenceArray<Instant> sentAt;
    private final Map<String, Integer> homeByPhone = new HashMap<>();
    private final ScheduledExecutorService pressing = Executors.newScheduledThreadPool(8, r -> {
        Thread t = new Thread(r, "bench-press");
        t.setDaemon(true);
        return t;
    });

    private PressRun(List<BenchHomes.PressHome> homes, List<CallButton> buttons) {
        this.homes = homes;
        this.buttons = buttons;
        this.sentAt = new AtomicReferenceArray<>(homes.size());
        for (int i = 0; i < homes.size(); i++) {
            for (String phone : homes.get(i).phones()) {
                homeByPhone.put(phone, i);
            }
        }
    }

    /** Connects every home's button (sixteen at a time). */
    public static PressRun connect(String brokerUrl, List<BenchHomes.PressHome> homes) throws InterruptedException {
        ExecutorService connecting = Executors.newFixedThreadPool(16);
        List<CompletableFuture<CallButton>> pending = new ArrayList<>();
        for (BenchHomes.PressHome home : homes) {
            pending.add(CompletableFuture.supplyAsync(() -> {
                CallButton b = new CallButton(brokerUrl, home.buttonId(), Clock.systemUTC());
                b.connect();
                return b;
            }, connecting));
        }
        try {
            return new PressRun(homes, pending.stream().map(CompletableFuture::join).toList());
        } catch (RuntimeException e) {
            pending.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).map(CompletableFuture::join)
                    .forEach(CallButton::close);
            throw e;
        } finally {
            connecting.shutdown();
            connecting.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Presses button i at {@code startNanos + (i + ½) × window / n} ({@link System#nanoTime} time), from a pool of
     * threads so that a slow PUBACK holds no other press back; completes when every press is sent.
     */
    public CompletableFuture<Void> pressSpreadOver(long startNanos, Duration window) {
        int n = buttons.size();
        List<CompletableFuture<Void>> sent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            long at = startNanos + (long) ((k + 0.5) * window.toNanos() / n);
            CompletableFuture<Void> done = new CompletableFuture<>();
            pressing.schedule(() -> {
                try {
                    sentAt.set(k, Instant.now());
                    buttons.get(k).press();
                    LOG.debug("bench press sent [device: {}]", homes.get(k).buttonId());
                    done.complete(null);
                } catch (RuntimeException e) {
                    sentAt.set(k, null);
                    LOG.warn("bench press failed [device: {}, error: {}]", homes.get(k).buttonId(), e.toString());
                    done.complete(null);
                }
            }, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
            sent.add(done);
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** How many presses were published (acknowledged by the broker). */
    public int sent() {
        int count = 0;
        for (int i = 0; i < sentAt.length(); i++) {
            count += sentAt.get(i) == null ? 0 : 1;
        }
        return count;
    }

    /** One press answered: when it was published and when the stand-in received its home's first request. */
    public record Timing(String buttonId, Instant sent, Instant firstPage) {
        public double ms() {
            return Duration.between(sent, firstPage).toNanos() / 1e6;
        }
    }

    /**
     * Each sent press with the first stand-in request for its home, waiting up to {@code timeout} for the last of
     * them; a press with no request by then is left out (its count then says so).
     */
    public List<Timing> awaitFirstPages(Supplier<List<TwilioStubRequest>> requests, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Instant> firstPage = firstPages(requests.get());
        while (firstPage.size() < sent() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000L);
            firstPage = firstPages(requests.get());
        }
        List<Timing> out = new ArrayList<>(firstPage.size());
        firstPage.forEach((k, page) -> out.add(new Timing(homes.get(k).buttonId(), sentAt.get(k), page)));
        return out;
    }

    /** Press index → arrival of the earliest request to one of its home's numbers, for sent presses only. */
    Map<Integer, Instant> firstPages(List<TwilioStubRequest> requests) {
        Map<Integer, Instant> first = new HashMap<>();
        for (TwilioStubRequest r : requests) {
            Integer k = homeByPhone.get(r.to());
            if (k != null && sentAt.get(k) != null) {
                first.merge(k, r.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }

    /** Ids of the buttons, for tidying the broker's retained statuses afterwards. */
    public List<String> buttonIds() {
        return homes.stream().map(BenchHomes.PressHome::buttonId).toList();
    }

    @Override
    public void close() {
        pressing.shutdownNow();
        buttons.forEach(CallButton::close);
    }
}
