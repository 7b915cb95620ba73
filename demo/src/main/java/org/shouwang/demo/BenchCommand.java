package org.shouwang.demo;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.shouwang.app.ConfigLoader;
import org.shouwang.app.Platform;
import org.shouwang.db.RegistryStore;
import org.shouwang.demo.bench.BenchHomes;
import org.shouwang.demo.bench.BenchSummary;
import org.shouwang.demo.bench.CpuShares;
import org.shouwang.demo.bench.PressRun;
import org.shouwang.demo.bench.PressStages;
import org.shouwang.demo.bench.RawBrokerBaseline;
import org.shouwang.demo.bench.RetainedStatus;
import org.shouwang.demo.bench.SimLoadProcess;
import org.shouwang.demo.bench.SimLoadReport;
import org.shouwang.embedded.EmbeddedBroker;
import org.shouwang.embedded.EmbeddedDatabase;
import org.shouwang.model.WaterInterval;
import org.shouwang.sim.DevicePayloads;
import org.shouwang.standin.RecordingTwilioServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shouwang bench}: on one machine, how long a button press takes to reach the paging provider while meters
 * load the platform, how many readings per second become durable, and what the broker alone carries. Three
 * phases: the raw broker (one Paho publisher to one subscriber); then the platform (ingest, rules, notifier with
 * the Twilio stand-in) under {@code shouwang sim load} in a process of its own, with presses from this process
 * spread over the load; then the wait for the presses' first pages. The last stdout line is {@link BenchSummary}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure press -> first provider request under meter load, durable ingest against offered"
            + " load, and the raw broker's rate in the same run.",
            "The last line of stdout is one machine-readable summary:",
            "  bench: press_to_page_ms p50=… p95=… p99=… max=… n=… durable_per_s=… offered_per_s=… raw_per_s=…"
                + " ratio=…"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "50", description = "meters publishing at once (default ${DEFAULT-VALUE})")
    int meters;

    @Option(names = "--duration", defaultValue = "PT20S", description = "load duration (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--rate", defaultValue = "0",
            description = "readings per meter per second, 0 = as fast as acknowledged (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--presses", defaultValue = "200",
            description = "button presses timed, each from a home of its own, spread over the load (default ${DEFAULT-VALUE})")
    int presses;

    @Option(names = "--warmup-presses", defaultValue = "5",
            description = "presses before the load, awaited and not timed: the first pages load the SDK's classes"
                    + " and warm the JIT (default ${DEFAULT-VALUE})")
    int warmupPresses;

    @Option(names = "--raw-duration", defaultValue = "PT10S",
            description = "how long the raw broker baseline runs, before the platform starts (default ${DEFAULT-VALUE})")
    Duration rawDuration;

    @Option(names = "--page-timeout", defaultValue = "PT60S",
            description = "how long after the load the presses' first pages are awaited (default ${DEFAULT-VALUE})")
    Duration pageTimeout;

    @Option(names = "--mqtt-url", description = "use this broker instead of an embedded one")
    String mqttUrl;

    @Option(names = "--plain-subscription", description = "subscribe ingest plainly, for a broker without $share"
            + " shared subscriptions (NATS, RabbitMQ; see docs/architecture.md)")
    boolean plainSubscription;

    @Option(names = "--db-url", description = "use this (empty) database instead of an embedded one")
    String dbUrl;

    /** What the platform phase measured. */
    private record Load(SimLoadReport offered, double durablePerS, long durable, Duration window, long backlog,
                        int pressesSent, List<Double> pressMs, List<String> stages, String cpu) {
    }

    @Override
    public Integer call() throws Exception {
        if (meters < 1 || presses < 1 || warmupPresses < 0 || rate < 0 || duration.isZero() || duration.isNegative()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--meters and --presses must be at least 1, --rate not negative, --duration positive");
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        EmbeddedDatabase pg = dbUrl == null ? EmbeddedDatabase.start(0, null) : null;
        EmbeddedBroker broker = mqttUrl == null ? EmbeddedBroker.start(0) : null;
        String brokerUrl = broker == null ? mqttUrl : broker.url();
        RawBrokerBaseline.Result raw;
        Load load;
        byte[] reading = sampleReading();
        try {
            raw = new RawBrokerBaseline(brokerUrl, run).run(reading, rawDuration);
            load = platformUnderLoad(run, brokerUrl, pg == null ? dbUrl : pg.jdbcUrl());
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (pg != null) {
                pg.close();
            }
        }
        BenchSummary summary = BenchSummary.of(load.pressMs(), load.durablePerS(), load.offered().perSecond(),
                raw.perSecond());
        print(spec.commandLine().getOut(), reading.length, raw, load, summary);
        return summary.n() == presses && load.pressesSent() == presses ? 0 : 1;
    }

    private Load platformUnderLoad(String run, String brokerUrl, String databaseUrl) throws Exception {
        try (RecordingTwilioServer twilio = RecordingTwilioServer.start(0);
             Platform platform = Platform.start(ConfigLoader.load(null, environment(run, databaseUrl, brokerUrl, twilio)),
                     Clock.systemUTC())) {
            DataSource ds = platform.database().dataSource();
            BenchHomes homes = BenchHomes.register(new RegistryStore(ds), run, meters, warmupPresses + presses);
            List<String> devices = new ArrayList<>(homes.meterIds());
            List<BenchHomes.PressHome> warmups = homes.pressHomes().subList(0, warmupPresses);
            List<BenchHomes.PressHome> timed = homes.pressHomes().subList(warmupPresses, homes.pressHomes().size());
            if (!warmups.isEmpty()) {
                try (PressRun warming = PressRun.connect(brokerUrl, warmups)) {
                    devices.addAll(warming.buttonIds());
                    warming.pressSpreadOver(System.nanoTime(), Duration.ofSeconds(1)).join();
                    warming.awaitFirstPages(twilio::requests, pageTimeout);
                }
            }
            try (PressRun pressing = PressRun.connect(brokerUrl, timed);
                 SimLoadProcess sim = SimLoadProcess.start(Main.class.getName(), simArgs(brokerUrl, homes))) {
                devices.addAll(pressing.buttonIds());
                long start = sim.awaitStarted(Duration.ofSeconds(120));
                CpuShares cpu = new CpuShares(ds, sim.handle());
                cpu.start();
                long t0 = System.nanoTime();
                long rows0 = telemetryRows(ds);
                CompletableFuture<Void> pressed = pressing.pressSpreadOver(start, duration);
                long end = start + duration.toNanos();
                while (System.nanoTime() < end) {
                    LockSupport.parkNanos(end - System.nanoTime());
                }
                long t1 = System.nanoTime();
                long rows1 = telemetryRows(ds); // counts what was committed when its statement began
                String cpuShares = cpu.since();
                SimLoadReport offered = sim.awaitReport(Duration.ofSeconds(60));
                pressed.join();
                List<PressRun.Timing> pages = pressing.awaitFirstPages(twilio::requests, pageTimeout);
                long backlog = offered.published() - (telemetryRows(ds) - rows0);
                Duration window = Duration.ofNanos(t1 - t0);
                return new Load(offered, (rows1 - rows0) * 1e9 / window.toNanos(), rows1 - rows0, window, backlog,
                        pressing.sent(), pages.stream().map(PressRun.Timing::ms).toList(),
                        PressStages.describe(ds, pages), cpuShares);
            } finally {
                RetainedStatus.clear(brokerUrl, run, devices);
            }
        }
    }

    private List<String> simArgs(String brokerUrl, BenchHomes homes) {
        return List.of("sim", "load", "--mqtt-url", brokerUrl, "--meters", Integer.toString(meters),
                "--meter-id-format", homes.meterIdFormat(), "--rate", Double.toString(rate),
                "--duration", duration.toString());
    }

    /**
     * The platform's configuration. Ingest's MQTT session is persistent, so its client id and shared group are the
     * run's own: a backlog an unbounded run leaves at the broker must not reach the next run's ingest.
     */
    private Map<String, String> environment(String run, String databaseUrl, String brokerUrl,
                                            RecordingTwilioServer twilio) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SHOUWANG_DATABASE_URL", databaseUrl);
        env.put("SHOUWANG_MQTT_URL", brokerUrl);
        env.put("SHOUWANG_MQTT_CLIENT_ID", "shouwang-bench-ingest-" + run);
        env.put("SHOUWANG_MQTT_SHARED_GROUP", mqttUrl == null || plainSubscription ? "" : "shouwang-bench-" + run);
        env.put("SHOUWANG_CONSOLE_PORT", "0");
        env.put("SHOUWANG_WEBHOOKS_PORT", "0");
        env.put("SHOUWANG_MANAGEMENT_PORT", "0");
        env.put("SHOUWANG_TWILIO_ACCOUNT_SID", DemoCommand.DEMO_ACCOUNT_SID);
        env.put("SHOUWANG_TWILIO_AUTH_TOKEN", "bench-token");
        env.put("SHOUWANG_TWILIO_FROM_NUMBER", "+12025550100");
        env.put("SHOUWANG_TWILIO_API_BASE_URL", twilio.baseUrl());
        return env;
    }

    /** A reading as the load's meters send it, for the raw baseline's message size. */
    private static byte[] sampleReading() {
        Instant now = Instant.now();
        return DevicePayloads.telemetry(Long.toString(now.toEpochMilli(), 36) + "-123456", now, 123456.5,
                List.of(new WaterInterval(now.minus(Duration.ofMinutes(1)), now, 0.5)), 0.0, 90, -80);
    }

    private static long telemetryRows(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM telemetry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void print(PrintWriter out, int messageBytes, RawBrokerBaseline.Result raw, Load load,
                       BenchSummary s) {
        SimLoadReport offered = load.offered();
        out.printf(Locale.ROOT, "%nshouwang bench (%d meters, %s, rate %s, %d presses)%n", meters, duration,
                rate <= 0 ? "unbounded" : rate + "/s per meter", presses);
        out.printf(Locale.ROOT, "  raw broker, 1 publisher -> 1 subscriber, QoS 1, %d B : %.0f msg/s (%d in %.1f s)%n",
                messageBytes, raw.perSecond(), raw.received(), raw.elapsed().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  readings offered (sim load, own JVM, PUBACKed)  : %d in %.1f s = %.0f/s, %d failed%n",
                offered.published(), offered.elapsed().toMillis() / 1000.0, offered.perSecond(), offered.failed());
        out.printf(Locale.ROOT, "  readings durable in the load window              : %d in %.1f s = %.0f/s (%.2f of raw),"
                        + " %d not yet durable when the pages were in%n",
                load.durable(), load.window().toMillis() / 1000.0, load.durablePerS(), s.ratio(), load.backlog());
        out.printf(Locale.ROOT, "  press -> first provider request (%d of %d sent)  : p50 %.1f ms, p95 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", s.n(), load.pressesSent(), s.p50Ms(), s.p95Ms(), s.p99Ms(), s.maxMs());
        load.stages().forEach(stage -> out.println("    " + stage));
        out.println("  " + load.cpu());
        out.println(s.line());
        out.flush();
    }
}
