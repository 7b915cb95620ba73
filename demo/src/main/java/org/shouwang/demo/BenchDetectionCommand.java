package org.shouwang.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.shouwang.demo.detection.DetectionBench;
import org.shouwang.demo.detection.DetectionFigures;
import org.shouwang.demo.detection.DetectionReport;
import org.shouwang.demo.detection.RuleSet;
import org.shouwang.model.Rule;
import org.shouwang.notifier.EscalationPlans;
import org.shouwang.sim.routine.FleetSpec;
import org.shouwang.sim.routine.RoutineFleet;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shouwang bench-detection}: how fast and how falsely the rules find an elder's fall from the water meter
 * alone. A deterministic month of simulated homes ({@link RoutineFleet}) runs through the real rule engine on its
 * clock and the default escalation plans, with the fixed rules alone and with the learned routine; the figures are
 * printed, never asserted. No database, broker or network.
 */
@Command(name = "bench-detection", mixinStandardHelpOptions = true,
        description = "Measure fall detection delay and false pages on a simulated month (fixed vs learned rules).")
final class BenchDetectionCommand implements Callable<Integer> {

    /** The seed of the figures the README records. */
    static final long DEFAULT_SEED = 20250303L;

    enum Learned { on, off, both }

    @Spec
    CommandSpec spec;

    @Option(names = "--homes", defaultValue = "60", description = "simulated homes (default ${DEFAULT-VALUE})")
    int homes;

    @Option(names = "--falls", defaultValue = "40", description = "elders who fall, one each (default ${DEFAULT-VALUE})")
    int falls;

    @Option(names = "--days", defaultValue = "30", description = "scored days (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--warmup", defaultValue = "28",
            description = "days of history before the scored days, for the rules to learn from (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "the month's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--learned", defaultValue = "both",
            description = "run with the learned rule on, off or both (default ${DEFAULT-VALUE})")
    Learned learned;

    @Option(names = "--night-call", split = ",", description = "rules whose well-check call may wake an elder between"
            + " 22:00 and 07:00 (default: the plans' elderNightCall, NO_WATER_USE)")
    List<Rule> nightCall;

    @Option(names = "--list-falls", description = "also print each fall: when, the meter, the first call and page")
    boolean listFalls;

    @Option(names = "--verbose", description = "keep the rule engine's log of every alert and clear (on stderr)")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!verbose) {
            quietRuleLogs();
        }
        FleetSpec fleetSpec = new FleetSpec(homes, falls, warmup, days, seed);
        RoutineFleet fleet = RoutineFleet.generate(fleetSpec);
        EscalationPlans plans = nightCall == null ? EscalationPlans.defaults()
                : DetectionBench.withElderNightCall(EscalationPlans.defaults(), Set.copyOf(nightCall));
        DetectionBench bench = new DetectionBench(fleet, plans);
        List<RuleSet> sets = ruleSets();
        out.printf(Locale.ROOT, "running %s ...%n", sets.stream().map(RuleSet::label).toList());
        out.flush();
        List<DetectionFigures> runs = runConcurrently(bench, sets);
        DetectionReport report = new DetectionReport(out);
        if (listFalls) {
            runs.forEach(report::printFalls);
        }
        report.print(fleetSpec, runs);
        return 0;
    }

    /** A simulated month raises thousands of alerts, each logged at info: the figures are what this command is for. */
    private static void quietRuleLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logs) {
            logs.getLogger("org.shouwang.rules").setLevel(Level.WARN);
            logs.getLogger("com.espertech").setLevel(Level.WARN);
        }
    }

    /** The runs share nothing but the immutable fleet: each on a thread of its own, so two take the time of one. */
    private static List<DetectionFigures> runConcurrently(DetectionBench bench, List<RuleSet> sets) {
        ExecutorService pool = Executors.newFixedThreadPool(sets.size());
        try {
            List<Future<DetectionFigures>> futures = new ArrayList<>();
            for (RuleSet set : sets) {
                futures.add(pool.submit(() -> bench.run(set)));
            }
            List<DetectionFigures> runs = new ArrayList<>();
            for (Future<DetectionFigures> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private List<RuleSet> ruleSets() {
        return switch (learned) {
            case on -> List.of(RuleSet.LEARNED);
            case off -> List.of(RuleSet.FIXED);
            case both -> List.of(RuleSet.FIXED, RuleSet.LEARNED);
        };
    }
}
