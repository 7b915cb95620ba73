package org.shouwang.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.shouwang.model.DaySlots;
import org.shouwang.model.RuleContext;
import org.shouwang.model.RuleHistory;
import org.shouwang.rules.RuleContextSource;
import org.shouwang.rules.RuleSettings;
import org.shouwang.rules.RulesVerticle;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shouwang bench-state}: how much heap the rule state of a large site takes, and how long the rules take to
 * load it. The real {@link RulesVerticle} recovers, through its real restore path, from a made-up registry and
 * stored history ({@link StateFleet}: per meter its digest, recent intervals and five weeks of quarter-hour days, so
 * every routine is armed and every no-use and silence timer set) held in memory, so no database bounds it; then
 * the heap is measured after full collections, against the heap of the same rules with no devices. No database,
 * broker or network.
 */
@Command(name = "bench-state", mixinStandardHelpOptions = true,
        description = "Measure the heap and load time of the rule state of many meters (in memory, no database).")
final class BenchStateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "1000000", description = "meters, one per home (default ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--buttons", defaultValue = "-1",
            description = "call buttons, one per home in the first homes (default: as many as meters)")
    int buttons;

    @Option(names = "--dry-share", defaultValue = "0.01",
            description = "homes with no water for the last 14-20 h: open no-use windows (default ${DEFAULT-VALUE})")
    double dryShare;

    @Option(names = "--flow-share", defaultValue = "0.002",
            description = "homes with water running for the last 45 min (default ${DEFAULT-VALUE})")
    double flowShare;

    @Option(names = "--seed", defaultValue = "20261203", description = "the fleet's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--histogram", defaultValue = "0",
            description = "also print this many top rows of the heap's class histogram after the load")
    int histogram;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        quietRuleLogs();
        int buttonCount = buttons < 0 ? meters : buttons;
        Vertx vertx = Vertx.vertx();
        try {
            // The rules with no devices: modules compiled, classes loaded; what the state adds is measured against it.
            String empty = vertx.deployVerticle(rules(RuleContextSource.none())).await(60, TimeUnit.SECONDS);
            long baseline = heapAfterGc();
            vertx.undeploy(empty).await(60, TimeUnit.SECONDS);

            Instant now = Instant.now();
            long t0 = System.nanoTime();
            StateFleet fleet = new StateFleet(meters, buttonCount, seed, dryShare, flowShare);
            RuleContext context = fleet.context(now);
            AtomicReference<RuleHistory> stored = new AtomicReference<>(fleet.history(request(now)));
            double madeUp = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "bench-state: made up meters=%d buttons=%d in %.1f s; baseline heap %.0f MB%n",
                    meters, buttonCount, madeUp, baseline / 1e6);
            out.flush();
            // The history is handed over once and forgotten here, as a database's answer would be.
            RuleContextSource source = RuleContextSource.of(at -> context,
                    request -> Optional.ofNullable(stored.getAndSet(null)).orElseGet(RuleHistory::empty),
                    fleet::water, entry -> { }, restart -> { }, incidentId -> Optional.empty());
            long started = System.nanoTime();
            RulesVerticle rules = rules(source);
            vertx.deployVerticle(rules).await(60, TimeUnit.SECONDS);
            rules.recovered().await(60, TimeUnit.MINUTES);
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            stored.set(null);
            long heap = heapAfterGc();
            long perMeter = meters == 0 ? 0 : (heap - baseline) / meters;
            if (histogram > 0) {
                printHistogram(out, histogram);
            }
            out.printf(Locale.ROOT, "bench-state: meters=%d buttons=%d heap_after_gc_mb=%.0f baseline_mb=%.0f"
                            + " bytes_per_meter=%d load_s=%.1f%n", meters, buttonCount, heap / 1e6, baseline / 1e6,
                    perMeter, loadSeconds);
            out.flush();
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
        return 0;
    }

    private static RulesVerticle rules(RuleContextSource source) {
        return new RulesVerticle(RuleSettings.DEFAULTS, Clock.systemUTC(), source);
    }

    /** As {@code RuleRecovery} asks it: the lookback to the midnight before, the recent 12 h, the keys of 15 min. */
    private static RuleHistory.Request request(Instant now) {
        Instant from = now.minus(RuleSettings.DEFAULTS.recoveryLookback()).atZone(DaySlots.ZONE)
                .toLocalDate().atStartOfDay(DaySlots.ZONE).toInstant();
        return new RuleHistory.Request(from, now.plusMillis(1), now.minusSeconds(12 * 3600), now.minusSeconds(15 * 60),
                DaySlots.ZONE);
    }

    /** Heap in use after full collections, until it stops shrinking. */
    static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used - used / 1000) {
                return Math.min(now, used);
            }
            used = now;
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return used;
    }

    /** The HotSpot class histogram ({@code jcmd <pid> GC.class_histogram}), its header and top rows. */
    private static void printHistogram(PrintWriter out, int rows) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        text.lines().limit(rows + 2L).forEach(out::println);
        text.lines().reduce((a, b) -> b).ifPresent(out::println);
    }

    /** Restoring a large site journals thousands of alerts at info; the recovery's own timing line stays. */
    private static void quietRuleLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logs) {
            logs.getLogger("org.shouwang.rules").setLevel(Level.WARN);
            logs.getLogger("org.shouwang.rules.RuleRecovery").setLevel(Level.INFO);
            logs.getLogger("com.espertech").setLevel(Level.WARN);
        }
    }
}
